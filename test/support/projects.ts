import type { TestApp } from './test-app';
import type { RegisteredUser } from './users';

export const SHORT_SCRIPT = 'A lighthouse keeper climbs the stairs at dusk. The lamp flickers on, and ships find their way home.';

export async function createProject(
  t: TestApp,
  user: RegisteredUser,
  body: Record<string, unknown> = {},
): Promise<{ id: string; currentVersion: number }> {
  const res = await t.http.post(
    '/api/v1/projects',
    { title: 'The Lighthouse', script: SHORT_SCRIPT, options: { resolution: '480p', fps: 24, music: false }, ...body },
    { token: user.accessToken },
  );
  if (res.status !== 201) throw new Error(`create project failed: ${res.status} ${res.text}`);
  return res.body;
}

export async function balance(t: TestApp, user: RegisteredUser) {
  const res = await t.http.get('/api/v1/credits/balance', { token: user.accessToken });
  if (res.status !== 200) throw new Error(`balance failed: ${res.status} ${res.text}`);
  return res.body as { allowance: number; purchased: number; reserved: number; available: number };
}
