import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { decodeCursor, Page, toPage } from '../../../../platform/http/pagination';
import { User } from '../../persistence/user.entity';
import { AdminUserView } from '../get-admin-user/admin-user.view';
import { SearchUsersQuery } from './search-users.query';

@QueryHandler(SearchUsersQuery)
export class SearchUsersHandler implements IQueryHandler<SearchUsersQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute(query: SearchUsersQuery): Promise<Page<AdminUserView>> {
    const after = decodeCursor(query.cursor, { t: 'time', id: 'uuid' });
    const where: string[] = ['deleted_at is null'];
    const params: unknown[] = [];
    const q = query.q?.trim().toLowerCase();
    if (q) {
      // The same expressions as the trigram indexes of the admin migration, so they are used.
      const pattern = `%${escapeLike(q)}%`;
      where.push(`(lower(email) like ? or lower(first_name || ' ' || last_name) like ?)`);
      params.push(pattern, pattern);
    }
    for (const field of ['status', 'role', 'tier'] as const) {
      if (query.filter[field]) {
        where.push(`${field} = ?`);
        params.push(query.filter[field]);
      }
    }
    if (after) {
      where.push('(created_at, id) < (?::timestamptz, ?::uuid)');
      params.push(after.t, after.id);
    }
    const em = this.em.fork();
    const rows: Record<string, unknown>[] = await em
      .getConnection()
      .execute(`select * from users where ${where.join(' and ')} order by created_at desc, id desc limit ?`, [...params, query.limit + 1]);
    const users = rows.map((row) => em.map(User, row));
    return toPage(users, query.limit, (u) => AdminUserView.of(u), (u) => ({ t: u.createdAt.toISOString(), id: u.id }));
  }
}

/** `%` and `_` typed by an admin are searched for, not treated as wildcards. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
