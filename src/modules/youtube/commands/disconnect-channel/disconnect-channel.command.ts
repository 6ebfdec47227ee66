import { Command } from '@nestjs/cqrs';

/** Revokes the channel's grant at Google and forgets it; its unfinished uploads stop. */
export class DisconnectChannelCommand extends Command<void> {
  constructor(
    readonly userId: string,
    readonly channelRowId: string,
    /**
     * The account is gone: the grant is forgotten even when Google cannot be told (no YouTube
     * configuration any more, Google unreachable); nobody is left to try again.
     */
    readonly accountDeleted = false,
  ) {
    super();
  }
}
