import { Query } from '@nestjs/cqrs';
import type { Page } from '../../../../platform/http/pagination';
import type { NotificationView } from '../../http/notification.view';

export class ListNotificationsQuery extends Query<Page<NotificationView>> {
  constructor(
    readonly userId: string,
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
