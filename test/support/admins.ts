import { createAdminCli } from '../../src/modules/users/cli/create-admin.cli';
import type { TestApp } from './test-app';
import { RegisteredUser, uniqueEmail } from './users';

/** An admin made the way operators make one (the CLI), then signed in through the API. */
export async function createAdmin(t: TestApp): Promise<RegisteredUser> {
  const email = uniqueEmail('admin');
  const password = 'admin password 123';
  const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    await createAdminCli.run({ app: t.app, args: ['--email', email, '--password', password] });
  } finally {
    log.mockRestore();
  }
  const res = await t.http.post('/api/v1/auth/login', { email, password });
  if (res.status !== 200) throw new Error(`admin login failed: ${res.status} ${res.text}`);
  return { id: res.body.user.id, email, password, accessToken: res.body.accessToken, refreshToken: res.body.refreshToken };
}
