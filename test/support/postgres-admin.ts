import { Client } from 'pg';
import { ADMIN_DATABASE_URL } from './test-env';

/** Runs statements on the maintenance database (CREATE/DROP DATABASE cannot run in a transaction). */
export async function withAdminClient<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Guard from the DDD hexagon: these helpers never touch a database whose name lacks "test". */
export function assertTestDatabase(name: string): void {
  if (!/^afs_test_[a-z0-9_]+$/.test(name)) throw new Error(`refusing to touch non-test database ${name}`);
}

export async function dropDatabase(client: Client, name: string): Promise<void> {
  assertTestDatabase(name);
  await client.query(`drop database if exists "${name}" with (force)`);
}
