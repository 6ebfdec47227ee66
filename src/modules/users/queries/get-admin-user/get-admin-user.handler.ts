import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { UserErrors } from '../../errors';
import { User } from '../../persistence/user.entity';
import { AdminUserView } from './admin-user.view';
import { GetAdminUserQuery } from './get-admin-user.query';

@QueryHandler(GetAdminUserQuery)
export class GetAdminUserHandler implements IQueryHandler<GetAdminUserQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ userId }: GetAdminUserQuery): Promise<AdminUserView> {
    const user = await this.em.fork().findOne(User, { id: userId, deletedAt: null });
    if (!user) throw UserErrors.userNotFound();
    return AdminUserView.of(user);
  }
}
