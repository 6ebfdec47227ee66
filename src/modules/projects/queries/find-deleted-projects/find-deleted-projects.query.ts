import { Query } from '@nestjs/cqrs';

/** Which of these projects are deleted; for modules cleaning up after a delete that did not finish. */
export class FindDeletedProjectsQuery extends Query<string[]> {
  constructor(readonly projectIds: readonly string[]) {
    super();
  }
}
