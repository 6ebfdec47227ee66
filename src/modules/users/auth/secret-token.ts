import { createHash, randomBytes } from 'node:crypto';

/** An unguessable opaque token (256 bits) for refresh tokens, reset links and one-time codes. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What we store instead of the token: a leaked table gives no usable tokens. */
export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
