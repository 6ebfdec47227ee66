import { Inject, Injectable, Logger } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Auth } from 'googleapis';
import type { youtube_v3 } from 'googleapis/build/src/apis/youtube';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/config';
import { googleApiRoot } from '../../users/google/googleapis-oauth.adapter';
import { GoogleOAuth } from '../../users/google/google-oauth.port';
import { tokenContext, YouTubeChannel } from '../persistence/youtube-channel.entity';
import { YouTubeErrors } from '../errors';
import { TokenUnreadableError } from '../tokens/token-cipher';
import { YouTubeSetup } from '../youtube-setup';
import { ChannelReconnect } from './channel-reconnect';

type YouTubeApi = youtube_v3.Youtube;
let youtubeModule: Promise<typeof import('googleapis/build/src/apis/youtube')> | undefined;

/**
 * Google clients for one channel. Tokens are opened only here, for the call; tokens the client
 * refreshes are sealed and saved at once (and values sealed with a retired key are sealed again),
 * so the database never holds a readable token and always holds the newest one.
 */
@Injectable()
export class YouTubeClients {
  private readonly logger = new Logger(YouTubeClients.name);
  /** GOOGLE_API_ROOT_URL, for the Data API and, passed per call, for media uploads. */
  readonly rootUrl: string;

  constructor(
    private readonly google: GoogleOAuth,
    private readonly setup: YouTubeSetup,
    private readonly orm: MikroORM,
    private readonly reconnect: ChannelReconnect,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.rootUrl = googleApiRoot(config);
  }

  /**
   * As authorize, for a call a user is waiting on: tokens that no key in TOKEN_ENCRYPTION_KEYS
   * opens (a key dropped before the reseal) are a grant nobody can use, answered like a revoked one.
   */
  async authorizeForRequest(channel: YouTubeChannel): Promise<Auth.OAuth2Client> {
    try {
      return await this.authorize(channel);
    } catch (error) {
      if (!(error instanceof TokenUnreadableError)) throw error;
      await this.reconnect.mark(channel, 'token_unreadable');
      throw YouTubeErrors.reconnectRequired('token_unreadable');
    }
  }

  async authorize(channel: YouTubeChannel): Promise<Auth.OAuth2Client> {
    const { cipher } = this.setup.require();
    const accessToken = cipher.open(channel.accessToken, tokenContext(channel.id, 'access'));
    const refreshToken = cipher.open(channel.refreshToken, tokenContext(channel.id, 'refresh'));
    if (cipher.isStale(channel.accessToken) || cipher.isStale(channel.refreshToken)) {
      await this.save(channel.id, { access_token: accessToken, refresh_token: refreshToken });
    }
    const client = await this.google.client({
      access_token: accessToken,
      refresh_token: refreshToken,
      expiry_date: channel.tokenExpiresAt?.getTime() ?? null,
    });
    client.on('tokens', (tokens) => {
      this.save(channel.id, tokens).catch((error) =>
        this.logger.error({ err: (error as Error).message, channelId: channel.id }, 'could not save refreshed YouTube tokens'),
      );
    });
    return client;
  }

  /** The YouTube Data API v3 on `client`. Only this API's description is loaded, not all of googleapis. */
  async api(client: Auth.OAuth2Client): Promise<YouTubeApi> {
    youtubeModule ??= import('googleapis/build/src/apis/youtube');
    const { youtube_v3: v3 } = await youtubeModule;
    return new v3.Youtube({ auth: client, rootUrl: this.rootUrl });
  }

  private async save(channelId: string, tokens: Auth.Credentials): Promise<void> {
    const { cipher } = this.setup.require();
    const changes: Partial<YouTubeChannel> = {};
    if (tokens.access_token) changes.accessToken = cipher.seal(tokens.access_token, tokenContext(channelId, 'access'));
    if (tokens.refresh_token) changes.refreshToken = cipher.seal(tokens.refresh_token, tokenContext(channelId, 'refresh'));
    if (tokens.expiry_date) changes.tokenExpiresAt = new Date(tokens.expiry_date);
    if (Object.keys(changes).length) await this.orm.em.fork().nativeUpdate(YouTubeChannel, { id: channelId }, changes);
  }
}
