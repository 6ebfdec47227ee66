import { parseArgs } from 'node:util';
import type { CliCommand } from '../../../platform/cli/cli-command';
import { MonthlyResetService } from '../commands/reset-monthly-allowance/monthly-reset.service';
import { ProjectionRebuilder } from '../persistence/projection-rebuilder';
import { isUuid } from '../../../platform/http/is-uuid';


export const creditsRebuildCli: CliCommand = {
  name: 'credits:rebuild',
  description: 'Replay every credit stream and rebuild the balance projection and snapshots.',
  usage: '[--user <userId>]',
  needsApp: true,
  async run({ app, args }) {
    const { values } = parseArgs({ args, options: { user: { type: 'string' } } });
    if (values.user !== undefined && !isUuid(values.user)) {
      console.error('--user must be a user id (UUID)');
      return 2;
    }
    const summary = await app!.get(ProjectionRebuilder).rebuild({ userId: values.user });
    console.log(`Rebuilt ${summary.streams} stream(s) from ${summary.events} event(s); ${summary.corrected} row(s) corrected.`);
  },
};

export const creditsResetMonthlyCli: CliCommand = {
  name: 'credits:reset-monthly',
  description: 'Reset the monthly allowance of every account whose period has ended.',
  usage: '[--dry-run] [--batch-size <n>]',
  needsApp: true,
  async run({ app, args }) {
    const { values } = parseArgs({ args, options: { 'dry-run': { type: 'boolean', default: false }, 'batch-size': { type: 'string' } } });
    const batchSize = values['batch-size'] === undefined ? undefined : Number(values['batch-size']);
    if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000)) {
      console.error('--batch-size must be a whole number from 1 to 10000');
      return 2;
    }
    const summary = await app!.get(MonthlyResetService).run({ dryRun: values['dry-run'], batchSize, trigger: 'cli' });
    console.log(
      `${summary.dryRun ? '[dry run] ' : ''}Period ${summary.period}: ${summary.accountsDue} account(s) due, ` +
        `${summary.accountsReset} reset, ${summary.accountsFailed} failed; ${summary.creditsExpired} credit(s) expired, ` +
        `${summary.creditsGranted} granted (run ${summary.runId}).`,
    );
    return summary.accountsFailed ? 1 : 0;
  },
};
