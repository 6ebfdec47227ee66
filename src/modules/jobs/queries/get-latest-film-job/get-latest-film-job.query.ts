import { Query } from '@nestjs/cqrs';

/** The owner's newest completed full_generation of a project (any script version), or null. */
export class GetLatestFilmJobQuery extends Query<{ jobId: string } | null> {
  constructor(
    readonly userId: string,
    readonly projectId: string,
  ) {
    super();
  }
}
