import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ConfigError } from '../../../platform/config/config-error';

const FORMAT = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM for OAuth tokens at rest. A sealed value reads `v1:<keyId>:<iv>:<tag>:<ciphertext>`
 * (base64url), so rotation is adding a key and moving TOKEN_ENCRYPTION_KEY_ID to it: old values
 * still open with the key they name and are sealed again with the new one when next written.
 * `context` (the owning row and field) is bound as additional data, so a sealed value copied
 * into another row or field does not open.
 */
export class TokenCipher {
  constructor(
    private readonly keys: ReadonlyMap<string, Buffer>,
    readonly currentKeyId: string,
  ) {
    if (!keys.has(currentKeyId)) throw new ConfigError(`Invalid configuration: TOKEN_ENCRYPTION_KEY_ID ${currentKeyId} is not in TOKEN_ENCRYPTION_KEYS`);
  }

  /** Throws a one-line ConfigError naming what is wrong with the keyring or the current key id. */
  static fromConfig(keyring: string, currentKeyId: string | undefined): TokenCipher {
    const parsed = parseKeyring(keyring);
    if (typeof parsed === 'string') throw new ConfigError(`Invalid configuration: TOKEN_ENCRYPTION_KEYS ${parsed}`);
    // With one key there is nothing to choose; with several the operator must say which is current.
    const current = currentKeyId ?? (parsed.size === 1 ? [...parsed.keys()][0] : undefined);
    if (!current) throw new ConfigError('Invalid configuration: TOKEN_ENCRYPTION_KEY_ID is required when TOKEN_ENCRYPTION_KEYS holds several keys');
    return new TokenCipher(parsed, current);
  }

  seal(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [FORMAT, this.currentKeyId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join(':');
  }

  /** Throws TokenUnreadableError when the value is malformed, tampered with, or its key is gone. */
  open(sealed: string, context: string): string {
    const [format, keyId, iv, tag, body] = sealed.split(':');
    const key = this.keys.get(keyId);
    if (format !== FORMAT || !key || body === undefined) throw new TokenUnreadableError(keyId);
    const nonce = Buffer.from(iv, 'base64url');
    if (nonce.length !== IV_BYTES) throw new TokenUnreadableError(keyId);
    try {
      // The full 16-byte tag only: Node would otherwise accept truncated ones.
      const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new TokenUnreadableError(keyId);
    }
  }

  /** True when the value was sealed with an older key and should be sealed again. */
  isStale(sealed: string): boolean {
    return sealed.split(':')[1] !== this.currentKeyId;
  }
}

/** `id:base64key,...` as a map, or what is wrong with it (for the config check's message). */
export function parseKeyring(keyring: string): Map<string, Buffer> | string {
  const keys = new Map<string, Buffer>();
  for (const entry of keyring.split(',').map((e) => e.trim()).filter(Boolean)) {
    const colon = entry.indexOf(':');
    const id = entry.slice(0, colon);
    if (colon < 1 || !/^[A-Za-z0-9_-]{1,32}$/.test(id)) return 'entries must read id:base64key (id of letters, digits, _ or -)';
    const key = Buffer.from(entry.slice(colon + 1), 'base64');
    if (key.length !== KEY_BYTES) return `key ${id} must be 32 bytes (base64 of 32 random bytes)`;
    if (keys.has(id)) return `lists key ${id} twice`;
    keys.set(id, key);
  }
  return keys.size ? keys : 'has no key';
}

export class TokenUnreadableError extends Error {
  constructor(keyId: string | undefined) {
    super(`A stored token cannot be decrypted (key ${keyId ?? 'unknown'} missing from TOKEN_ENCRYPTION_KEYS, or the value was altered).`);
    this.name = 'TokenUnreadableError';
  }
}
