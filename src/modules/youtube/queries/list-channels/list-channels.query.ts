import { Query } from '@nestjs/cqrs';
import type { ChannelView } from '../../http/channel.view';

/** The user's connected channels, oldest connection first. */
export class ListChannelsQuery extends Query<ChannelView[]> {
  constructor(readonly userId: string) {
    super();
  }
}
