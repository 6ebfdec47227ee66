import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/config';
import { REDIS } from '../../../platform/redis/redis.module';
import { redisKey } from '../../../platform/redis/redis-key';

/** How long the consent screen may take. */
const STATE_TTL_SECONDS = 600;

export interface StartedConnect {
  state: string;
  codeChallenge: string;
  /** Goes into an httpOnly cookie: the callback must come back to the browser that started. */
  browserKey: string;
}

interface StoredNonce {
  codeVerifier: string;
  /** sha256 of the browser key. */
  browser: string;
}

interface StatePayload {
  /** The user connecting: the callback comes from Google's redirect and carries no bearer token. */
  u: string;
  n: string;
  e: number;
}

/**
 * The `state` of a channel connection: `<payload>.<HMAC>`, naming the user and an expiry, signed
 * with a key derived from JWT_SECRET so it cannot be forged to attach a channel to someone else.
 * Its nonce also keys the PKCE verifier in Redis, deleted by the first callback that presents it:
 * a state is good once. And it is good only in the browser that started it (a second secret in
 * an httpOnly cookie): otherwise someone could send their own consent link to a victim and have
 * the victim's channel connected to their account.
 */
@Injectable()
export class ConnectStateStore {
  private readonly key: Buffer;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.key = createHmac('sha256', config.JWT_SECRET).update('youtube-connect-state').digest();
  }

  async start(userId: string): Promise<StartedConnect> {
    const payload: StatePayload = { u: userId, n: randomBytes(24).toString('base64url'), e: Date.now() + STATE_TTL_SECONDS * 1000 };
    const encoded = Buffer.from(JSON.stringify(payload)).toString('base64url');
    const codeVerifier = randomBytes(48).toString('base64url');
    const browserKey = randomBytes(32).toString('base64url');
    const stored: StoredNonce = { codeVerifier, browser: sha256(browserKey) };
    await this.redis.set(this.nonceKey(payload.n), JSON.stringify(stored), 'EX', STATE_TTL_SECONDS);
    return {
      state: `${encoded}.${this.sign(encoded)}`,
      codeChallenge: createHash('sha256').update(codeVerifier).digest('base64url'),
      browserKey,
    };
  }

  /** The user and PKCE verifier of a genuine, unexpired, unused state from this browser; null otherwise. */
  async consume(state: string | undefined, browserKey: string | undefined): Promise<{ userId: string; codeVerifier: string } | null> {
    if (!state || state.length > 500) return null;
    const [encoded, signature] = state.split('.');
    if (!encoded || !signature) return null;
    const expected = Buffer.from(this.sign(encoded));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    const payload = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as StatePayload;
    if (payload.e < Date.now()) return null;
    const raw = await this.redis.getdel(this.nonceKey(payload.n));
    if (!raw || !browserKey) return null;
    const stored = JSON.parse(raw) as StoredNonce;
    const known = Buffer.from(stored.browser, 'hex');
    const presented = Buffer.from(sha256(browserKey), 'hex');
    if (known.length !== presented.length || !timingSafeEqual(known, presented)) return null;
    return { userId: payload.u, codeVerifier: stored.codeVerifier };
  }

  static readonly ttlSeconds = STATE_TTL_SECONDS;

  private sign(encoded: string): string {
    return createHmac('sha256', this.key).update(encoded).digest('base64url');
  }

  private nonceKey(nonce: string): string {
    return redisKey(this.config, 'youtube-connect', nonce);
  }
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
