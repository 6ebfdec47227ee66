import { Query } from '@nestjs/cqrs';
import type { Page } from '../../../../platform/http/pagination';
import type { ModerationState } from '../../domain/project-enums';
import type { ModerationItemView } from './moderation-item.view';

/** Projects in a moderation state (default: pending), longest waiting first, keyset-paginated. */
export class ListModerationQuery extends Query<Page<ModerationItemView>> {
  constructor(
    readonly limit: number,
    readonly cursor?: string,
    readonly state: ModerationState = 'pending',
  ) {
    super();
  }
}
