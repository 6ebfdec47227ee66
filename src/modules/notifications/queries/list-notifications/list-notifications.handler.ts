import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { decodeCursor, Page, toPage } from '../../../../platform/http/pagination';
import { NotificationView } from '../../http/notification.view';
import { Notification } from '../../persistence/notification.entity';
import { ListNotificationsQuery } from './list-notifications.query';

type Row = { id: string; type: string; title: string; body: string; data: Record<string, unknown>; read_at: Date | null; created_at: Date; unread: boolean };

/** Unread first, then newest first; the cursor carries all three sort keys. */
@QueryHandler(ListNotificationsQuery)
export class ListNotificationsHandler implements IQueryHandler<ListNotificationsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute(query: ListNotificationsQuery): Promise<Page<NotificationView>> {
    const after = decodeCursor(query.cursor, { u: 'int', t: 'time', id: 'uuid' });
    const rows: Row[] = await this.em.fork().execute(
      `select id, type, title, body, data, read_at, created_at, (read_at is null) as unread
         from notifications
        where user_id = ?
          ${after ? `and ((read_at is null)::int, created_at, id) < (?, ?::timestamptz, ?::uuid)` : ''}
        order by (read_at is null)::int desc, created_at desc, id desc
        limit ?`,
      [query.userId, ...(after ? [after.u, after.t, after.id] : []), query.limit + 1],
    );
    return toPage(
      rows,
      query.limit,
      (r) =>
        NotificationView.of(
          Object.assign(new Notification(), { id: r.id, type: r.type, title: r.title, body: r.body, data: r.data, readAt: r.read_at, createdAt: new Date(r.created_at) }),
        ),
      (r) => ({ u: r.unread ? 1 : 0, t: new Date(r.created_at).toISOString(), id: r.id }),
    );
  }
}
