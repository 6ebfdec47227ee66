import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import type { CliCommand } from './platform/cli/cli-command';
import { ConfigError, loadConfig } from './platform/config/config';
import { migrateCli } from './platform/database/migrate.cli';
import { createAdminCli } from './modules/users/cli/create-admin.cli';
import { creditsRebuildCli, creditsResetMonthlyCli } from './modules/credits/cli/credits.cli';
import { youtubeResealTokensCli } from './modules/youtube/youtube.cli';

const commands: CliCommand[] = [migrateCli, createAdminCli, creditsRebuildCli, creditsResetMonthlyCli, youtubeResealTokensCli];

function help(): void {
  console.log('Usage: npm run cli -- <command> [options]\n\nCommands:');
  for (const c of commands) console.log(`  ${c.name.padEnd(24)} ${c.description}${c.usage ? `\n  ${''.padEnd(24)} ${c.usage}` : ''}`);
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = commands.find((c) => c.name === name);
  if (!command) {
    help();
    return name && name !== '--help' ? 2 : 0;
  }
  if (!command.needsApp) return (await command.run({ args })) ?? 0;
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(loadConfig()), { logger: ['error', 'warn'] });
  try {
    return (await command.run({ app, args })) ?? 0;
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof ConfigError ? error.message : error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
