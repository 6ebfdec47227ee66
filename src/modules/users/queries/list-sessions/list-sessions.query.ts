import { Query } from '@nestjs/cqrs';
import type { Page } from '../../../../platform/http/pagination';
import type { SessionView } from '../../http/session.view';

export class ListSessionsQuery extends Query<Page<SessionView>> {
  constructor(
    readonly userId: string,
    readonly currentSessionId: string,
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
