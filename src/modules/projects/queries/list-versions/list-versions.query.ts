import { Query } from '@nestjs/cqrs';
import type { Page } from '../../../../platform/http/pagination';
import type { ProjectVersionView } from '../../http/project.view';

export class ListVersionsQuery extends Query<Page<ProjectVersionView>> {
  constructor(
    readonly userId: string,
    readonly projectId: string,
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
