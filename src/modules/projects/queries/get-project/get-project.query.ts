import { Query } from '@nestjs/cqrs';
import type { ProjectView } from '../../http/project.view';

export class GetProjectQuery extends Query<ProjectView> {
  constructor(
    readonly userId: string,
    readonly projectId: string,
  ) {
    super();
  }
}
