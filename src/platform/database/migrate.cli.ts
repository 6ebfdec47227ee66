import type { CliCommand } from '../cli/cli-command';
import { loadConfig } from '../config/config';
import { migrate } from './migrate';

export const migrateCli: CliCommand = {
  name: 'db:migrate',
  description: 'Apply every pending migration.',
  async run() {
    const { DATABASE_URL } = loadConfig();
    const applied = await migrate(DATABASE_URL);
    console.log(applied.length ? `Applied ${applied.join(', ')}` : 'The schema is up to date.');
  },
};
