import { Command } from '@nestjs/cqrs';

/** Revokes the channel's grant at Google and forgets it; its unfinished uploads stop. */
export class DisconnectChannelCommand extends Command<void> {
  constructor(
    readonly userId: string,
    readonly channelRowId: string,
  ) {
    super();
  }
}
