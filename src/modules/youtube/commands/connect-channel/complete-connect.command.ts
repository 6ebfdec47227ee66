import { Command } from '@nestjs/cqrs';
import type { ChannelView } from '../../http/channel.view';

/** Google's redirect back: exchange the code, read the channel(s), store them with sealed tokens. */
export class CompleteConnectCommand extends Command<ChannelView[]> {
  constructor(
    readonly code: string | undefined,
    readonly state: string | undefined,
    readonly error: string | undefined,
    /** From the httpOnly cookie GET /youtube/connect set. */
    readonly browserKey: string | undefined,
  ) {
    super();
  }
}
