import { Options } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { migrationsList } from '../../../migrations';

/**
 * One place for the ORM's options, used by the API, the CLI and the test harness. The schema
 * changes only through the migrations listed in `migrations/index.ts` (no schema sync anywhere),
 * and the list is explicit so it works the same from TypeScript under Jest and from `dist/`.
 */
export function ormOptions(databaseUrl: string, debug = false): Options<PostgreSqlDriver> {
  return {
    driver: PostgreSqlDriver,
    clientUrl: databaseUrl,
    extensions: [Migrator],
    migrations: {
      migrationsList,
      tableName: 'schema_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
    },
    // Outside an HTTP request (Bull processors, CQRS handlers, cron, CLI) a forked EM must be
    // used; the global one throwing is how we find the places that forgot.
    allowGlobalContext: false,
    forceUtcTimezone: true,
    discovery: { warnWhenNoEntities: false },
    pool: { min: 0, max: 10 },
    debug,
  };
}
