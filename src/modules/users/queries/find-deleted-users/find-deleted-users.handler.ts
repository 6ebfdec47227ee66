import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { User } from '../../persistence/user.entity';
import { FindDeletedUsersQuery } from './find-deleted-users.query';

@QueryHandler(FindDeletedUsersQuery)
export class FindDeletedUsersHandler implements IQueryHandler<FindDeletedUsersQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ userIds }: FindDeletedUsersQuery): Promise<string[]> {
    if (!userIds.length) return [];
    const deleted = await this.em.fork().find(User, { id: { $in: [...userIds] }, deletedAt: { $ne: null } }, { fields: ['id'] });
    return deleted.map((user) => user.id);
  }
}
