import { Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { GoogleOAuth, GoogleOAuthError } from '../../../users/google/google-oauth.port';
import { YouTubeErrors } from '../../errors';
import { findOwnedChannel } from '../../persistence/owned-channel';
import { tokenContext, YouTubeChannel } from '../../persistence/youtube-channel.entity';
import { YouTubeUpload } from '../../persistence/youtube-upload.entity';
import { TokenUnreadableError } from '../../tokens/token-cipher';
import { YouTubeSetup } from '../../youtube-setup';
import { DisconnectChannelCommand } from './disconnect-channel.command';

@CommandHandler(DisconnectChannelCommand)
export class DisconnectChannelHandler implements ICommandHandler<DisconnectChannelCommand> {
  private readonly logger = new Logger(DisconnectChannelHandler.name);

  constructor(
    private readonly em: EntityManager,
    private readonly setup: YouTubeSetup,
    private readonly google: GoogleOAuth,
  ) {}

  async execute({ userId, channelRowId, accountDeleted }: DisconnectChannelCommand): Promise<void> {
    const cipher = accountDeleted && !this.setup.configured ? null : this.setup.require().cipher;
    const channel = await findOwnedChannel(this.em.fork(), userId, channelRowId);
    let refreshToken: string | null = null;
    try {
      refreshToken = cipher?.open(channel.refreshToken, tokenContext(channel.id, 'refresh')) ?? null;
    } catch (error) {
      // A token nobody can read can be used by nobody: forgetting it is enough.
      if (!(error instanceof TokenUnreadableError)) throw error;
    }
    await this.em.fork().transactional(async (em) => {
      // The row stays locked until Google has answered. An upload being requested for this channel
      // waits, then is refused; the runner of one in flight waits at its next step (its row is
      // written below), then finds the channel gone: it must not meet the revoked grant first and
      // ask the user to reconnect a channel they are removing.
      const held = await em.findOne(YouTubeChannel, { id: channel.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!held) return; // another disconnect got there first
      const now = new Date();
      await em.nativeUpdate(
        YouTubeUpload,
        { channelId: channel.id, status: { $in: ['queued', 'waiting_quota'] } },
        { status: 'cancelled', error: 'The channel was disconnected.', errorReason: 'channel_disconnected', finishedAt: now },
      );
      // An upload in flight stops at its next chunk (the runner checks cancelRequestedAt).
      await em.nativeUpdate(YouTubeUpload, { channelId: channel.id, status: { $in: ['uploading', 'processing'] } }, { cancelRequestedAt: now });
      await em.nativeDelete(YouTubeChannel, { id: channel.id });
      if (refreshToken) await this.revoke(refreshToken, channel, accountDeleted);
    });
  }

  /**
   * Revoking the refresh token ends the whole grant, access tokens included. Google answering
   * "unknown token" (already revoked) counts as done; Google unreachable undoes the disconnect, so
   * the user can try again rather than be left with a live grant they think is gone.
   */
  private async revoke(refreshToken: string, channel: YouTubeChannel, accountDeleted: boolean): Promise<void> {
    await this.google.revoke(refreshToken).catch((error: unknown) => {
      if (accountDeleted) {
        this.logger.warn({ err: (error as Error).message, channelId: channel.channelId }, 'could not revoke a deleted account\'s YouTube grant; forgotten here');
        return;
      }
      if (error instanceof GoogleOAuthError) throw YouTubeErrors.google(error.reason, error.message);
      throw error;
    });
  }
}
