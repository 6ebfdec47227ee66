import { Command } from '@nestjs/cqrs';

/** Marks one notification (or, without an id, all of them) read; answers how many changed. */
export class MarkReadCommand extends Command<number> {
  constructor(
    readonly userId: string,
    readonly notificationId?: string,
  ) {
    super();
  }
}
