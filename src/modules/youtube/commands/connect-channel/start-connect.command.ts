import { Command } from '@nestjs/cqrs';

/** The Google consent URL that connects a channel to `userId`. */
export class StartConnectCommand extends Command<{ url: string }> {
  constructor(readonly userId: string) {
    super();
  }
}
