import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../../../platform/config/config';
import { REDIS } from '../../../platform/redis/redis.module';
import { redisKey } from '../../../platform/redis/redis-key';
import { hashSecretToken, newSecretToken } from '../auth/secret-token';

/** How long a started sign-in may take at Google's consent screen. */
export const GOOGLE_STATE_TTL_SECONDS = 600;

/** A started sign-in: `state` goes to Google, `browserKey` into the httpOnly cookie. */
export interface StartedSignIn {
  state: string;
  browserKey: string;
  codeChallenge: string;
}

interface StoredState {
  /** sha256 of the cookie value: the state only counts in the browser that started it. */
  browser: string;
  /** PKCE verifier, sent with the code exchange; Google saw only its S256 challenge. */
  codeVerifier: string;
}

/**
 * The server side of the OAuth `state` check. A state is 256 random bits, kept in Redis (under its
 * hash) for 10 minutes and deleted by the first callback that presents it, whatever the outcome:
 * single use. It is bound to the browser that started the sign-in by a second secret in an
 * httpOnly cookie, so a callback URL replayed in another browser (login CSRF) is refused.
 */
@Injectable()
export class GoogleSignInStateStore {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async start(): Promise<StartedSignIn> {
    const state = newSecretToken();
    const browserKey = newSecretToken();
    const codeVerifier = randomBytes(48).toString('base64url');
    const stored: StoredState = { browser: hashSecretToken(browserKey), codeVerifier };
    await this.redis.set(this.key(state), JSON.stringify(stored), 'EX', GOOGLE_STATE_TTL_SECONDS);
    return {
      state,
      browserKey,
      codeChallenge: createHash('sha256').update(codeVerifier).digest('base64url'),
    };
  }

  /**
   * Uses the state up (GETDEL: two callbacks racing with one state cannot both get it) and
   * answers its PKCE verifier when the state is known, unexpired and was started by this browser;
   * null otherwise.
   */
  async consume(
    state: string | undefined,
    browserKey: string | undefined,
  ): Promise<{ codeVerifier: string } | null> {
    if (!state || state.length > 200) return null;
    const raw = await this.redis.getdel(this.key(state));
    if (!raw || !browserKey) return null;
    const stored = JSON.parse(raw) as StoredState;
    const expected = Buffer.from(stored.browser, 'hex');
    const given = Buffer.from(hashSecretToken(browserKey), 'hex');
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    return { codeVerifier: stored.codeVerifier };
  }

  /** The Redis key of a state; exported for tests through the store's prefix. */
  key(state: string): string {
    return redisKey(this.config, 'google-signin', 'state', hashSecretToken(state));
  }
}
