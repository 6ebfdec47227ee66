import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { decodeCursor, Page, toPage } from '../../../../platform/http/pagination';
import { SessionView } from '../../http/session.view';
import { Session } from '../../persistence/session.entity';
import { ListSessionsQuery } from './list-sessions.query';

/** The caller's live sessions, newest first. */
@QueryHandler(ListSessionsQuery)
export class ListSessionsHandler implements IQueryHandler<ListSessionsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute(query: ListSessionsQuery): Promise<Page<SessionView>> {
    const after = decodeCursor(query.cursor, { t: 'time', id: 'uuid' });
    const rows = await this.em.fork().find(
      Session,
      {
        userId: query.userId,
        revokedAt: null,
        expiresAt: { $gt: new Date() },
        ...(after
          ? {
              $or: [
                { createdAt: { $lt: new Date(after.t) } },
                { createdAt: new Date(after.t), id: { $lt: after.id } },
              ],
            }
          : {}),
      },
      { orderBy: { createdAt: 'desc', id: 'desc' }, limit: query.limit + 1 },
    );
    return toPage(
      rows,
      query.limit,
      (s) => SessionView.of(s, query.currentSessionId),
      (s) => ({ t: s.createdAt.toISOString(), id: s.id }),
    );
  }
}
