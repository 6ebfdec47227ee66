import { Query } from '@nestjs/cqrs';
import type { RenderOptions } from '@afs/contracts';

/** For the jobs module when it hands a job to the runner: the snapshot the job renders. */
export class GetProjectVersionQuery extends Query<{ title: string; script: string; options: RenderOptions }> {
  constructor(
    readonly projectId: string,
    readonly version: number,
  ) {
    super();
  }
}
