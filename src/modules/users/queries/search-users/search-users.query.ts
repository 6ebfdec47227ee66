import { Query } from '@nestjs/cqrs';
import type { Page } from '../../../../platform/http/pagination';
import type { AdminUserView } from '../get-admin-user/admin-user.view';

/**
 * Accounts whose email or "first last" name contains `q` (case-insensitive), newest first,
 * keyset-paginated on (created_at, id). Without `q`, every account. Served by trigram indexes on
 * lower(email) and lower(first_name || ' ' || last_name).
 */
export class SearchUsersQuery extends Query<Page<AdminUserView>> {
  constructor(
    readonly q: string | undefined,
    readonly limit: number,
    readonly cursor?: string,
    readonly filter: { status?: string; role?: string; tier?: string } = {},
  ) {
    super();
  }
}
