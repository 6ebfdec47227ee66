import { Query } from '@nestjs/cqrs';

/** Which of these accounts are deleted; for modules cleaning up after a deletion that did not finish. */
export class FindDeletedUsersQuery extends Query<string[]> {
  constructor(readonly userIds: readonly string[]) {
    super();
  }
}
