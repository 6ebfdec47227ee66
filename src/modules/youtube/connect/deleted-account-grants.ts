import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
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
export class DeletedAccountGrants implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DeletedAccountGrants.name);

  constructor(
    private readonly orm: MikroORM,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** In the background: start-up does not wait for Google, nor fail because of it. */
  onApplicationBootstrap(): void {
    this.sweeping = this.sweep().catch((error: Error) => this.logger.error({ err: error.message }, "could not sweep deleted accounts' YouTube grants"));
  }

  /** Settles when the start-up sweep has (for tests and an orderly shutdown). */
  sweeping: Promise<void> = Promise.resolve();

  async sweep(): Promise<void> {
    const owners = await this.orm.em.fork().getConnection().execute<{ user_id: string }[]>('select distinct user_id from youtube_channels');
    for (const userId of await this.queries.execute(new FindDeletedUsersQuery(owners.map((o) => o.user_id)))) await this.forget(userId);
  }

  /** Before the ORM closes under it. */
  async onModuleDestroy(): Promise<void> {
    await this.sweeping;
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
