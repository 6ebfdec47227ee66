import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { YouTubeErrors } from '../errors';
import { tokenContext, YouTubeChannel } from '../persistence/youtube-channel.entity';
import { sessionUrlContext, YouTubeUpload } from '../persistence/youtube-upload.entity';
import { TokenUnreadableError, type TokenCipher } from './token-cipher';
import { TOKEN_CIPHER } from './token-cipher.provider';

export interface ResealSummary {
  channels: number;
  uploads: number;
  /** Rows no key in the keyring opens: left as they are (their channels need reconnecting). */
  unreadable: string[];
}

/**
 * Key rotation, finished: every value sealed with a key other than TOKEN_ENCRYPTION_KEY_ID is
 * sealed again with it, so the old key can leave the keyring. (Values are also sealed again when
 * next used; this is for the ones nobody uses.) Each row is rewritten only if it did not change
 * meanwhile, so a token refreshed at the same moment is not overwritten with an older one.
 */
@Injectable()
export class TokenResealer {
  constructor(
    private readonly orm: MikroORM,
    @Inject(TOKEN_CIPHER) private readonly cipher: TokenCipher | null,
  ) {}

  async run(): Promise<ResealSummary> {
    const cipher = this.cipher;
    if (!cipher) throw YouTubeErrors.notConfigured();
    const em = this.orm.em.fork();
    const summary: ResealSummary = { channels: 0, uploads: 0, unreadable: [] };
    const reseal = (sealed: string, context: string) => cipher.seal(cipher.open(sealed, context), context);
    for (const channel of await em.find(YouTubeChannel, {})) {
      if (!cipher.isStale(channel.accessToken) && !cipher.isStale(channel.refreshToken)) continue;
      try {
        summary.channels += await em.nativeUpdate(
          YouTubeChannel,
          { id: channel.id, accessToken: channel.accessToken, refreshToken: channel.refreshToken },
          {
            accessToken: reseal(channel.accessToken, tokenContext(channel.id, 'access')),
            refreshToken: reseal(channel.refreshToken, tokenContext(channel.id, 'refresh')),
          },
        );
      } catch (error) {
        if (!(error instanceof TokenUnreadableError)) throw error;
        summary.unreadable.push(`youtube_channels ${channel.id}`);
      }
    }
    for (const upload of await em.find(YouTubeUpload, { sessionUrl: { $ne: null } })) {
      if (!cipher.isStale(upload.sessionUrl!)) continue;
      try {
        summary.uploads += await em.nativeUpdate(
          YouTubeUpload,
          { id: upload.id, sessionUrl: upload.sessionUrl },
          { sessionUrl: reseal(upload.sessionUrl!, sessionUrlContext(upload.id)) },
        );
      } catch (error) {
        if (!(error instanceof TokenUnreadableError)) throw error;
        summary.unreadable.push(`youtube_uploads ${upload.id}`);
      }
    }
    return summary;
  }
}
