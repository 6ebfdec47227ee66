import { Command } from '@nestjs/cqrs';

/** The Google consent URL that connects a channel to `userId`, and the key for the browser's cookie. */
export class StartConnectCommand extends Command<{ url: string; browserKey: string }> {
  constructor(readonly userId: string) {
    super();
  }
}
