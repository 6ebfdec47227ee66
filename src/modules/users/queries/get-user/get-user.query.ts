import { Query } from '@nestjs/cqrs';
import type { UserView } from '../../http/user.view';

export class GetUserQuery extends Query<UserView> {
  constructor(readonly userId: string) {
    super();
  }
}
