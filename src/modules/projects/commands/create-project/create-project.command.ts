import { Command } from '@nestjs/cqrs';
import type { ProjectView } from '../../http/project.view';

export class CreateProjectCommand extends Command<ProjectView> {
  constructor(
    readonly userId: string,
    readonly title: string,
    readonly script: string,
    readonly options: object | undefined,
  ) {
    super();
  }
}
