import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config';
import { GoogleOAuth } from '../users/google/google-oauth.port';
import { YouTubeErrors } from './errors';
import type { TokenCipher } from './tokens/token-cipher';
import { TOKEN_CIPHER } from './tokens/token-cipher.provider';

export interface YouTubeSettings {
  cipher: TokenCipher;
  redirectUrl: string;
}

/**
 * Whether YouTube publishing can work here. Without a Google client, a redirect URL or a token key
 * the rest of the product works and YouTube routes answer 503 saying what to set.
 */
@Injectable()
export class YouTubeSetup {
  constructor(
    private readonly google: GoogleOAuth,
    @Inject(TOKEN_CIPHER) private readonly cipher: TokenCipher | null,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get configured(): boolean {
    return Boolean(this.google.configured && this.cipher && this.config.YOUTUBE_REDIRECT_URL);
  }

  /** Throws YOUTUBE.NOT_CONFIGURED 503. */
  require(): YouTubeSettings {
    if (!this.configured) throw YouTubeErrors.notConfigured();
    return { cipher: this.cipher!, redirectUrl: this.config.YOUTUBE_REDIRECT_URL! };
  }
}
