import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { UserErrors } from '../../errors';
import { UserView } from '../../http/user.view';
import { User } from '../../persistence/user.entity';
import { UpdateProfileCommand } from './update-profile.command';

@CommandHandler(UpdateProfileCommand)
export class UpdateProfileHandler implements ICommandHandler<UpdateProfileCommand> {
  constructor(private readonly em: EntityManager) {}

  async execute({ userId, changes }: UpdateProfileCommand): Promise<UserView> {
    return this.em.transactional(async (em) => {
      const user = await em.findOne(User, { id: userId, deletedAt: null });
      if (!user) throw UserErrors.userNotFound();
      if (changes.firstName !== undefined) user.firstName = changes.firstName;
      if (changes.lastName !== undefined) user.lastName = changes.lastName;
      if (changes.mailNotifications !== undefined) user.mailNotifications = changes.mailNotifications;
      return UserView.of(user);
    });
  }
}
