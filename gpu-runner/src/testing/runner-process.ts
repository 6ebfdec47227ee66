import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { eventually } from '../../../test/support/eventually';
import { REPO_NODE_MODULES } from './build-runner';

export interface LogLine {
  level: number;
  msg: string;
  pid: number;
  jobId?: string;
  [field: string]: unknown;
}

/** A real runner process (the built main.js) whose JSON log lines a test can wait for. */
export class RunnerProcess {
  readonly lines: LogLine[] = [];
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcess;

  constructor(main: string, env: Record<string, string>) {
    // Its own process group, so a kill can take its ffmpeg children too, as when a host goes away.
    this.child = spawn(process.execPath, [main], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_PATH: REPO_NODE_MODULES, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      try {
        this.lines.push(JSON.parse(line) as LogLine);
      } catch {
        this.lines.push({ level: 30, msg: line, pid: this.pid });
      }
    });
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) =>
      this.child.on('exit', (code, signal) => resolve({ code, signal })),
    );
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number {
    return this.child.pid!;
  }

  async waitForLog(msg: string, jobId?: string, ms = 20_000): Promise<LogLine> {
    let found: LogLine | undefined;
    await eventually(
      () => {
        found = this.find(msg, jobId);
        // Plain errors, not expect(): this file is compiled by the build too, which has no Jest types.
        if (!found)
          throw new Error(
            `runner ${this.pid} has not logged "${msg}"${jobId ? ` for ${jobId}` : ''}; stderr: ${this.stderr}`,
          );
      },
      ms,
      20,
    );
    return found!;
  }

  find(msg: string, jobId?: string): LogLine | undefined {
    return this.lines.find(
      (line) => line.msg === msg && (jobId === undefined || line.jobId === jobId),
    );
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** SIGKILL to the whole process group: the runner and any ffmpeg it started die at once. */
  crash(): void {
    process.kill(-this.pid, 'SIGKILL');
  }

  /** For afterAll: whatever is still running of this runner's group. */
  cleanup(): void {
    try {
      process.kill(-this.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}
