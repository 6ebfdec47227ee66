import { Logger } from '@nestjs/common';
import { CommandBus, EventsHandler, IEventHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { AccountDeletedEvent } from '../../users/events/account-deleted.event';
import { DisconnectChannelCommand } from '../commands/disconnect-channel/disconnect-channel.command';
import { YouTubeChannel } from '../persistence/youtube-channel.entity';

/**
 * A deleted account keeps no grant to anybody's YouTube channel: each connection is revoked at
 * Google and forgotten, and its unfinished uploads stop, as a disconnect by the user would.
 */
@EventsHandler(AccountDeletedEvent)
export class AccountDeletedHandler implements IEventHandler<AccountDeletedEvent> {
  private readonly logger = new Logger(AccountDeletedHandler.name);

  constructor(
    private readonly em: EntityManager,
    private readonly commands: CommandBus,
  ) {}

  async handle({ userId }: AccountDeletedEvent): Promise<void> {
    const channels = await this.em.fork().find(YouTubeChannel, { userId }, { fields: ['id'] });
    for (const channel of channels) {
      await this.commands.execute(new DisconnectChannelCommand(userId, channel.id, true)).catch((error: Error) =>
        this.logger.error({ err: error.message, userId, channel: channel.id }, 'could not disconnect a deleted account\'s channel'),
      );
    }
  }
}
