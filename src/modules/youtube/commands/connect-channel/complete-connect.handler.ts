import { CommandHandler, ICommandHandler, QueryBus } from '@nestjs/cqrs';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import type { youtube_v3 } from 'googleapis/build/src/apis/youtube';
import { isUniqueViolation } from '../../../../platform/database/unique-violation';
import { GoogleOAuth, GoogleOAuthError, type GoogleTokens } from '../../../users/google/google-oauth.port';
import { GetUserQuery } from '../../../users/queries/get-user/get-user.query';
import { ConnectStateStore } from '../../connect/connect-state.store';
import { missingScopes } from '../../domain/youtube-scopes';
import { YouTubeErrors } from '../../errors';
import { toYouTubeApiError } from '../../google/youtube-api-error';
import { YouTubeClients } from '../../google/youtube-clients';
import { ChannelView } from '../../http/channel.view';
import { tokenContext, YouTubeChannel } from '../../persistence/youtube-channel.entity';
import type { TokenCipher } from '../../tokens/token-cipher';
import { YouTubeSetup } from '../../youtube-setup';
import { CompleteConnectCommand } from './complete-connect.command';

@CommandHandler(CompleteConnectCommand)
export class CompleteConnectHandler implements ICommandHandler<CompleteConnectCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly setup: YouTubeSetup,
    private readonly google: GoogleOAuth,
    private readonly clients: YouTubeClients,
    private readonly states: ConnectStateStore,
    private readonly queries: QueryBus,
  ) {}

  async execute(command: CompleteConnectCommand): Promise<ChannelView[]> {
    const { cipher, redirectUrl } = this.setup.require();
    // The state is used up whatever happens next: a replayed callback finds nothing.
    const started = await this.states.consume(command.state, command.browserKey);
    if (!started) throw YouTubeErrors.stateInvalid();
    if (command.error || !command.code) throw YouTubeErrors.consentDenied();
    // The account may have been deleted or suspended while at Google's consent screen.
    await this.queries.execute(new GetUserQuery(started.userId));

    const tokens = await this.exchange(command.code, redirectUrl, started.codeVerifier);
    const missing = missingScopes(tokens.scopes);
    if (missing.length) {
      await this.google.revoke(tokens.refreshToken ?? tokens.accessToken).catch(() => undefined);
      throw YouTubeErrors.scopesMissing(missing);
    }
    if (!tokens.refreshToken) throw YouTubeErrors.noRefreshToken();
    const channels = await this.myChannels(tokens);
    if (!channels.length) throw YouTubeErrors.noChannel();

    const saved: YouTubeChannel[] = [];
    for (const channel of channels) saved.push(await this.save(cipher, started.userId, channel, tokens));
    return saved.map(ChannelView.of);
  }

  private async exchange(code: string, redirectUri: string, codeVerifier: string): Promise<GoogleTokens> {
    try {
      return await this.google.exchangeCode({ code, redirectUri, codeVerifier });
    } catch (error) {
      if (error instanceof GoogleOAuthError) throw YouTubeErrors.google(error.reason, error.message);
      throw error;
    }
  }

  /** The channel(s) of the account that consented (a brand account has its own). */
  private async myChannels(tokens: GoogleTokens): Promise<youtube_v3.Schema$Channel[]> {
    const client = await this.google.client({ access_token: tokens.accessToken });
    const api = await this.clients.api(client);
    try {
      const res = await api.channels.list({ part: ['snippet'], mine: true, maxResults: 50 });
      return (res.data.items ?? []).filter((c) => c.id);
    } catch (error) {
      const failure = toYouTubeApiError(error, 'reading your channel');
      throw YouTubeErrors.google(failure.reason, failure.message);
    }
  }

  /** Connecting a channel again (new grant) updates it in place and makes it usable again. */
  private async save(cipher: TokenCipher, userId: string, channel: youtube_v3.Schema$Channel, tokens: GoogleTokens): Promise<YouTubeChannel> {
    const apply = (row: YouTubeChannel) => {
      row.title = channel.snippet?.title?.trim() || channel.id!;
      row.thumbnailUrl = channel.snippet?.thumbnails?.default?.url ?? null;
      row.accessToken = cipher.seal(tokens.accessToken, tokenContext(row.id, 'access'));
      row.refreshToken = cipher.seal(tokens.refreshToken!, tokenContext(row.id, 'refresh'));
      row.tokenExpiresAt = tokens.expiresAt;
      row.scopes = tokens.scopes.join(' ');
      row.status = 'connected';
      row.statusReason = null;
      row.connectedAt = new Date();
      return row;
    };
    const upsert = () =>
      this.em.fork().transactional(async (em) => {
        const existing = await em.findOne(YouTubeChannel, { userId, channelId: channel.id! }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        const row = apply(existing ?? Object.assign(new YouTubeChannel(), { userId, channelId: channel.id! }));
        if (!existing) em.persist(row);
        await em.flush();
        return row;
      });
    try {
      return await upsert();
    } catch (error) {
      // Two callbacks for one channel at once: the unique index picks one insert; the other updates.
      if (isUniqueViolation(error)) return upsert();
      throw error;
    }
  }
}
