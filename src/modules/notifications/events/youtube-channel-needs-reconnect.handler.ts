import { Logger } from '@nestjs/common';
import { EventsHandler, IEventHandler, QueryBus } from '@nestjs/cqrs';
import { GetUserQuery } from '../../users/queries/get-user/get-user.query';
import { YouTubeChannelNeedsReconnectEvent } from '../../youtube/events/channel-needs-reconnect.event';
import { Notifier } from '../notifier';

/** Google refused a channel's grant: the user hears it once per grant, before an upload fails quietly. */
@EventsHandler(YouTubeChannelNeedsReconnectEvent)
export class YouTubeChannelNeedsReconnectHandler implements IEventHandler<YouTubeChannelNeedsReconnectEvent> {
  private readonly logger = new Logger(YouTubeChannelNeedsReconnectHandler.name);

  constructor(
    private readonly notifier: Notifier,
    private readonly queries: QueryBus,
  ) {}

  async handle(event: YouTubeChannelNeedsReconnectEvent): Promise<void> {
    try {
      const user = await this.queries.execute(new GetUserQuery(event.userId));
      const title = `Connect "${event.channelTitle}" again`;
      const body =
        `Google no longer accepts the access you gave for your YouTube channel "${event.channelTitle}" (${event.reason}); ` +
        'it was revoked or has expired. Connect the channel again to keep uploading.';
      await this.notifier.notify({
        userId: event.userId,
        type: 'youtube.channel.reconnect',
        title,
        body,
        data: { channelId: event.channelRowId, reason: event.reason },
        dedupeKey: `youtube-reconnect:${event.channelRowId}:${event.connectedAt.getTime()}`,
        mail: user.mailNotifications ? { to: user.email, subject: title, text: `Hello ${user.firstName},\n\n${body}\n` } : undefined,
      });
    } catch (error) {
      this.logger.error({ err: (error as Error).message, channelId: event.channelRowId }, 'could not notify about a channel to reconnect');
    }
  }
}
