import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { MikroORM } from '@mikro-orm/postgresql';
import { FindDeletedUsersQuery } from '../../users/queries/find-deleted-users/find-deleted-users.query';
import { DisconnectChannelCommand } from '../commands/disconnect-channel/disconnect-channel.command';
import { YouTubeChannel } from '../persistence/youtube-channel.entity';

/**
 * A deleted account keeps no grant to anybody's YouTube channel: each connection is revoked at
 * Google and forgotten, and its unfinished uploads stop, as a disconnect by the user would. Done
 * when the deletion is announced, and again at start-up for a deletion whose announcement a dying
 * process never handled.
 */
@Injectable()
export class DeletedAccountGrants implements OnApplicationBootstrap {
  private readonly logger = new Logger(DeletedAccountGrants.name);

  constructor(
    private readonly orm: MikroORM,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const owners = await this.orm.em.fork().getConnection().execute<{ user_id: string }[]>('select distinct user_id from youtube_channels');
    const deleted = await this.queries.execute(new FindDeletedUsersQuery(owners.map((o) => o.user_id)));
    for (const userId of deleted) await this.forget(userId);
  }

  async forget(userId: string): Promise<void> {
    const channels = await this.orm.em.fork().find(YouTubeChannel, { userId }, { fields: ['id'] });
    for (const channel of channels) {
      await this.commands.execute(new DisconnectChannelCommand(userId, channel.id, true)).catch((error: Error) =>
        this.logger.error({ err: error.message, userId, channel: channel.id }, "could not disconnect a deleted account's channel"),
      );
    }
  }
}
