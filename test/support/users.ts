import { randomBytes } from 'node:crypto';
import type { TestApp } from './test-app';

export interface RegisteredUser {
  id: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
}

let counter = 0;

export function uniqueEmail(tag = 'user'): string {
  return `${tag}-${++counter}-${randomBytes(3).toString('hex')}@example.com`;
}

/** Registers through the public API, as a client would. */
export async function registerUser(t: TestApp, overrides: Partial<{ email: string; password: string }> = {}): Promise<RegisteredUser> {
  const email = overrides.email ?? uniqueEmail();
  const password = overrides.password ?? 'correct horse battery staple';
  const res = await t.http.post('/api/v1/auth/register', { email, password, firstName: 'Test', lastName: 'User' });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${res.text}`);
  return { id: res.body.user.id, email, password, accessToken: res.body.accessToken, refreshToken: res.body.refreshToken };
}
