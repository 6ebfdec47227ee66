import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from '../../../platform/config/config';
import { TokenCipher, TokenUnreadableError } from './token-cipher';

const key = () => randomBytes(32).toString('base64');

describe('TokenCipher', () => {
  it('seals to text that does not contain the token and opens it again', () => {
    const cipher = TokenCipher.fromConfig(`k1:${key()}`, undefined);
    const sealed = cipher.seal('1//0refresh-token-secret', 'channel:a:refresh');
    expect(sealed).toMatch(/^v1:k1:/);
    expect(sealed).not.toContain('refresh-token-secret');
    expect(cipher.open(sealed, 'channel:a:refresh')).toBe('1//0refresh-token-secret');
    expect(cipher.seal('same', 'ctx')).not.toBe(cipher.seal('same', 'ctx'));
  });

  it('refuses a value moved to another row or field, or altered', () => {
    const cipher = TokenCipher.fromConfig(`k1:${key()}`, undefined);
    const sealed = cipher.seal('token', 'channel:a:refresh');
    expect(() => cipher.open(sealed, 'channel:b:refresh')).toThrow(TokenUnreadableError);
    const parts = sealed.split(':');
    parts[4] = Buffer.from('tampered').toString('base64url');
    expect(() => cipher.open(parts.join(':'), 'channel:a:refresh')).toThrow(TokenUnreadableError);
    const truncated = sealed.split(':');
    truncated[3] = Buffer.from(truncated[3], 'base64url').subarray(0, 4).toString('base64url');
    expect(() => cipher.open(truncated.join(':'), 'channel:a:refresh')).toThrow(TokenUnreadableError);
  });

  it('rotates: old values open with their key, new ones use the current key and old ones read as stale', () => {
    const k1 = key();
    const before = TokenCipher.fromConfig(`k1:${k1}`, 'k1');
    const old = before.seal('token', 'ctx');
    const after = TokenCipher.fromConfig(`k1:${k1},k2:${key()}`, 'k2');
    expect(after.open(old, 'ctx')).toBe('token');
    expect(after.isStale(old)).toBe(true);
    const fresh = after.seal('token', 'ctx');
    expect(fresh).toMatch(/^v1:k2:/);
    expect(after.isStale(fresh)).toBe(false);
    expect(() => TokenCipher.fromConfig(`k2:${key()}`, 'k2').open(old, 'ctx')).toThrow(/key k1 missing/);
  });

  it('stops start-up on a malformed keyring with one line naming the variable', () => {
    const env = { DATABASE_URL: 'postgres://x/y', REDIS_URL: 'redis://x', JWT_SECRET: 'a'.repeat(32) };
    expect(() => loadConfig({ ...env, TOKEN_ENCRYPTION_KEYS: 'k1:dG9vLXNob3J0' })).toThrow(
      new ConfigError('Invalid configuration: TOKEN_ENCRYPTION_KEYS key k1 must be 32 bytes (base64 of 32 random bytes)'),
    );
    expect(loadConfig({ ...env, TOKEN_ENCRYPTION_KEYS: `k1:${key()}` }).TOKEN_ENCRYPTION_KEYS).toMatch(/^k1:/);
  });

  it('names what is wrong with the keyring in one line', () => {
    expect(() => TokenCipher.fromConfig('k1:c2hvcnQ=', undefined)).toThrow(new ConfigError('Invalid configuration: TOKEN_ENCRYPTION_KEYS key k1 must be 32 bytes (base64 of 32 random bytes)'));
    expect(() => TokenCipher.fromConfig(`nokey`, undefined)).toThrow(/id:base64key/);
    expect(() => TokenCipher.fromConfig(`a:${key()},b:${key()}`, undefined)).toThrow(/TOKEN_ENCRYPTION_KEY_ID is required/);
    expect(() => TokenCipher.fromConfig(`a:${key()}`, 'z')).toThrow(/TOKEN_ENCRYPTION_KEY_ID z is not in/);
    expect(() => TokenCipher.fromConfig(`a:${key()},a:${key()}`, 'a')).toThrow(/twice/);
  });
});
