import pino, { type Logger } from 'pino';

/** One JSON object per line on stdout, for whatever collects the runner's logs. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'gpu-runner', pid: process.pid } });
}

export type { Logger };
