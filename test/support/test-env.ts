/** Where the e2e suites find the services; CI and developers use the same local ones. */
export const ADMIN_DATABASE_URL = process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The run's id, set by global-setup; every database and Redis prefix of the run carries it. */
export function runId(): string {
  const id = process.env.AFS_TEST_RUN_ID;
  if (!id) throw new Error('AFS_TEST_RUN_ID is not set: run the e2e suites through jest (global-setup)');
  return id;
}

export function templateDatabase(): string {
  return `afs_test_${runId()}_template`;
}
