import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { MikroORM } from '@mikro-orm/postgresql';
import { IsSessionActiveQuery } from './is-session-active.query';

@QueryHandler(IsSessionActiveQuery)
export class IsSessionActiveHandler implements IQueryHandler<IsSessionActiveQuery> {
  constructor(private readonly orm: MikroORM) {}

  async execute({ userId, sessionId }: IsSessionActiveQuery): Promise<boolean> {
    const rows = await this.orm.em.fork().getConnection().execute(
      `select 1 from users u join sessions s on s.user_id = u.id
        where u.id = ? and s.id = ? and u.deleted_at is null and u.status = 'active'
          and s.revoked_at is null and s.expires_at > now()`,
      [userId, sessionId],
    );
    return rows.length > 0;
  }
}
