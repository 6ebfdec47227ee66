import { Command } from '@nestjs/cqrs';

/** Cancels every unfinished job of an account (it was deleted); releases their credits. */
export class CancelUserJobsCommand extends Command<number> {
  constructor(
    readonly userId: string,
    readonly reason: string,
  ) {
    super();
  }
}
