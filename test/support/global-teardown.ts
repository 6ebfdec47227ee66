import { dropDatabase, withAdminClient } from './postgres-admin';

/** Drops the template and any suite database a crashed suite left behind, of this run only. */
export default async function globalTeardown(): Promise<void> {
  const run = process.env.AFS_TEST_RUN_ID;
  if (!run) return;
  await withAdminClient(async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      `select datname from pg_database where datname like $1`,
      [`afs_test_${run}_%`],
    );
    for (const { datname } of rows) await dropDatabase(client, datname);
  });
}
