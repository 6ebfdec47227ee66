import { Command } from '@nestjs/cqrs';
import type { ProjectView } from '../../http/project.view';

export class UpdateProjectCommand extends Command<ProjectView> {
  constructor(
    readonly userId: string,
    readonly projectId: string,
    readonly changes: { title?: string; script?: string; options?: object },
  ) {
    super();
  }
}
