import { randomBytes } from 'node:crypto';
import { migrate } from '../../src/platform/database/migrate';
import { dropDatabase, withAdminClient } from './postgres-admin';
import { databaseUrl } from './test-env';

/**
 * Migrates once into a template database; each suite then clones it (CREATE DATABASE ... TEMPLATE),
 * which takes milliseconds instead of replaying every migration per suite.
 */
export default async function globalSetup(): Promise<void> {
  process.env.AFS_TEST_RUN_ID ??= randomBytes(4).toString('hex');
  const template = `afs_test_${process.env.AFS_TEST_RUN_ID}_template`;
  await withAdminClient(async (client) => {
    await dropDatabase(client, template);
    await client.query(`create database "${template}"`);
  });
  await migrate(databaseUrl(template));
}
