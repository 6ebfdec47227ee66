import { Command } from '@nestjs/cqrs';

export class DeleteProjectCommand extends Command<void> {
  constructor(
    readonly userId: string,
    readonly projectId: string,
  ) {
    super();
  }
}
