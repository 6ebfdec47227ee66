import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { User } from '../../persistence/user.entity';
import { FindDeletedUsersQuery } from './find-deleted-users.query';

@QueryHandler(FindDeletedUsersQuery)
export class FindDeletedUsersHandler implements IQueryHandler<FindDeletedUsersQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ userIds }: FindDeletedUsersQuery): Promise<string[]> {
    const em = this.em.fork();
    const deleted: string[] = [];
    // A thousand at a time: a query's bind parameters are limited, and callers may ask about many.
    for (let i = 0; i < userIds.length; i += 1000) {
      const rows = await em.find(User, { id: { $in: userIds.slice(i, i + 1000) }, deletedAt: { $ne: null } }, { fields: ['id'] });
      deleted.push(...rows.map((row) => row.id));
    }
    return deleted;
  }
}
