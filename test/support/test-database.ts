import { randomBytes } from 'node:crypto';
import { dropDatabase, withAdminClient } from './postgres-admin';
import { databaseUrl, runId, templateDatabase } from './test-env';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one suite, cloned from the run's template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `afs_test_${runId()}_${randomBytes(4).toString('hex')}`;
  await withAdminClient((client) => client.query(`create database "${name}" template "${templateDatabase()}"`));
  return {
    name,
    url: databaseUrl(name),
    drop: () => withAdminClient((client) => dropDatabase(client, name)),
  };
}
