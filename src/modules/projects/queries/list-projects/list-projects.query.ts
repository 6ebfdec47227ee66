import { Query } from '@nestjs/cqrs';
import type { Page } from '../../../../platform/http/pagination';
import type { ProjectView } from '../../http/project.view';

export class ListProjectsQuery extends Query<Page<ProjectView>> {
  constructor(
    readonly userId: string,
    readonly limit: number,
    readonly cursor?: string,
    readonly status?: string,
    readonly search?: string,
  ) {
    super();
  }
}
