import { Query } from '@nestjs/cqrs';

/** For other modules: answers the project's id and owner, or a 404 problem when the caller does not own it. */
export class GetOwnedProjectQuery extends Query<{ id: string; userId: string }> {
  constructor(
    readonly userId: string,
    readonly projectId: string,
  ) {
    super();
  }
}
