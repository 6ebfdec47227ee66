import { Query } from '@nestjs/cqrs';
import type { RenderOptions } from '@afs/contracts';
import type { ProjectStatus } from '../../domain/project-enums';

export interface RenderableProject {
  projectId: string;
  userId: string;
  version: number;
  title: string;
  script: string;
  options: RenderOptions;
  status: ProjectStatus;
}

/**
 * For the jobs module at submission: the caller's project at its current version, or a problem
 * saying why it cannot be rendered (missing, awaiting moderation, rejected).
 */
export class GetRenderableProjectQuery extends Query<RenderableProject> {
  constructor(
    readonly userId: string,
    readonly projectId: string,
  ) {
    super();
  }
}
