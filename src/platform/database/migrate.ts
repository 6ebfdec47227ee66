import { MikroORM } from '@mikro-orm/postgresql';
import { ormOptions } from './mikro-orm.options';

/** Applies every pending migration; returns the names applied. */
export async function migrate(databaseUrl: string): Promise<string[]> {
  const orm = await MikroORM.init(ormOptions(databaseUrl));
  try {
    const applied = await orm.getMigrator().up();
    return applied.map((m) => m.name);
  } finally {
    await orm.close(true);
  }
}
