import { Injectable } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { MikroORM } from '@mikro-orm/postgresql';
import { YouTubeChannelNeedsReconnectEvent } from '../events/channel-needs-reconnect.event';
import { YouTubeChannel } from '../persistence/youtube-channel.entity';

/** Marks a channel whose grant Google refused, and tells its owner once. */
@Injectable()
export class ChannelReconnect {
  constructor(
    private readonly orm: MikroORM,
    private readonly events: EventBus,
  ) {}

  async mark(channel: YouTubeChannel, reason: string): Promise<void> {
    const changed = await this.orm.em
      .fork()
      .nativeUpdate(YouTubeChannel, { id: channel.id, status: 'connected' }, { status: 'needs_reconnect', statusReason: reason });
    if (changed) {
      this.events.publish(new YouTubeChannelNeedsReconnectEvent(channel.userId, channel.id, channel.title, reason, channel.connectedAt));
    }
  }
}
