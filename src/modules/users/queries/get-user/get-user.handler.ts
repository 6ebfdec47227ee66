import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { UserErrors } from '../../errors';
import { UserView } from '../../http/user.view';
import { User } from '../../persistence/user.entity';
import { GetUserQuery } from './get-user.query';

@QueryHandler(GetUserQuery)
export class GetUserHandler implements IQueryHandler<GetUserQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ userId }: GetUserQuery): Promise<UserView> {
    const user = await this.em.fork().findOne(User, { id: userId, deletedAt: null });
    if (!user) throw UserErrors.userNotFound();
    return UserView.of(user);
  }
}
