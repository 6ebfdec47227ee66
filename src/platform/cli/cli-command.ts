import type { INestApplicationContext } from '@nestjs/common';

/** A batch command of `npm run cli -- <name>`; modules export theirs and cli.ts lists them. */
export interface CliCommand {
  name: string;
  description: string;
  usage?: string;
  /** Commands that only need the database URL (migrations) run without booting the app. */
  needsApp?: boolean;
  run(context: { app?: INestApplicationContext; args: string[] }): Promise<number | void>;
}
