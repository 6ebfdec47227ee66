import { Query } from '@nestjs/cqrs';
import type { AdminUserView } from './admin-user.view';

/** One account as an admin sees it. Throws USER.NOT_FOUND 404 (deleted accounts included). */
export class GetAdminUserQuery extends Query<AdminUserView> {
  constructor(readonly userId: string) {
    super();
  }
}
