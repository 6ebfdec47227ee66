import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ffmpeg from 'fluent-ffmpeg';
import { abortError } from '../abort';

export interface FfmpegInput {
  path: string;
  options?: string[];
  /** e.g. `lavfi` for generated sources. */
  format?: string;
}

export interface FfmpegJob {
  inputs: FfmpegInput[];
  complexFilter?: string;
  outputOptions: string[];
  output: string;
  cwd?: string;
  ffmpegPath?: string;
  signal?: AbortSignal;
  /** Seconds of output written so far. */
  onProgress?: (seconds: number) => void;
}

function parseTimemark(timemark: string | undefined): number | undefined {
  const match = /^(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(timemark ?? '');
  if (!match) return undefined;
  return Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]);
}

/** Runs one ffmpeg process; an abort kills it with SIGKILL and rejects with RenderAbortedError. */
/**
 * One argument may hold at most 128 KiB on Linux (MAX_ARG_STRLEN); spawning with a longer one throws
 * E2BIG. Longer graphs (a long film's music has thousands of sources) are handed over in a file.
 */
const LONGEST_INLINE_FILTER = 64 * 1024;

/** Resolves with the tail of ffmpeg's log (filters such as loudnorm report measurements there). */
export async function runFfmpeg(job: FfmpegJob): Promise<string> {
  if (!job.complexFilter || job.complexFilter.length <= LONGEST_INLINE_FILTER) return spawnFfmpeg(job, []);
  const dir = await mkdtemp(join(tmpdir(), 'afs-filter-'));
  try {
    const script = join(dir, 'filter.txt');
    await writeFile(script, job.complexFilter);
    return await spawnFfmpeg({ ...job, complexFilter: undefined }, ['-filter_complex_script', script]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function spawnFfmpeg(job: FfmpegJob, globalOptions: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    if (job.signal?.aborted) return reject(abortError(job.signal));
    const command = ffmpeg({ cwd: job.cwd, stdoutLines: 40 });
    if (job.ffmpegPath) command.setFfmpegPath(job.ffmpegPath);
    for (const input of job.inputs) {
      command.input(input.path);
      if (input.format) command.inputFormat(input.format);
      // Spread arguments: fluent-ffmpeg splits array items at spaces, which breaks values like titles.
      if (input.options?.length) command.inputOptions(...input.options);
    }
    if (job.complexFilter) command.complexFilter(job.complexFilter);
    command.outputOptions('-hide_banner', '-nostdin', ...globalOptions, ...job.outputOptions).output(job.output);

    let settled = false;
    const onAbort = () => command.kill('SIGKILL');
    job.signal?.addEventListener('abort', onAbort, { once: true });
    const finish = (error?: Error, log = '') => {
      if (settled) return;
      settled = true;
      job.signal?.removeEventListener('abort', onAbort);
      if (job.signal?.aborted) reject(abortError(job.signal));
      else if (error) reject(error);
      else resolve(log);
    };
    // Progress is read from ffmpeg's own status lines: a 'progress' listener would make fluent-ffmpeg
    // run ffprobe on the first input beside every ffmpeg, only to compute a percentage we do not use.
    if (job.onProgress) {
      command.on('stderr', (line: string) => {
        const seconds = parseTimemark(/\btime=(\S+)/.exec(line)?.[1]);
        if (seconds !== undefined) job.onProgress?.(seconds);
      });
    }
    command.on('end', (_stdout: string | null, stderr: string | null) => finish(undefined, stderr ?? ''));
    command.on('error', (error: Error, _stdout: string | null, stderr: string | null) => {
      const tail = (stderr ?? '').trim().split('\n').slice(-6).join('\n');
      finish(new Error(`ffmpeg failed: ${error.message}${tail ? `\n${tail}` : ''}`));
    });
    command.run();
  });
}
