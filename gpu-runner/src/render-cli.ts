import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { DEFAULT_RENDER_OPTIONS } from '@afs/contracts';
import { downloadFile, LocalStorage } from '@afs/storage';
import { RenderAbortedError } from './abort';
import { parseRenderArgs } from './cli/parse-render-args';
import { createProgressBar } from './cli/progress-bar';
import { loadRunnerConfig } from './config/runner-config';
import { fountainTitle } from './providers/analysis/local-script-analyser';
import { RenderInputError, renderFilm } from './pipeline/render-film';

function titleFromFile(path: string): string {
  const name = basename(path, extname(path)).replace(/[-_]+/g, ' ').trim();
  return name.charAt(0).toUpperCase() + name.slice(1);
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseRenderArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  const script = await readFile(args.scriptPath, 'utf8');
  const title = args.title ?? fountainTitle(script) ?? titleFromFile(args.scriptPath);
  const outDir = resolve(args.outDir);
  const storage = new LocalStorage(resolve(args.storageDir ?? process.env.STORAGE_LOCAL_DIR ?? join(outDir, '.render-storage')));
  // The same script, title and flags give the same job id, so running a command again resumes it.
  const digest = createHash('sha256').update(JSON.stringify({ script, title, options: args.options })).digest('hex').slice(0, 16);
  const jobId = args.jobId ?? `cli-${digest}${args.fresh ? `-${Date.now()}` : ''}`;

  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort(new Error('interrupted')));
  const bar = createProgressBar();
  const started = Date.now();
  try {
    const result = await renderFilm({
      jobId,
      script,
      title,
      options: args.options,
      storage,
      config: loadRunnerConfig(),
      onProgress: (p) => bar.update(p),
      signal: controller.signal,
    });
    bar.done();
    await mkdir(outDir, { recursive: true });
    const files: [string | undefined, string][] = [
      [result.outputs.film, 'film.mp4'],
      [result.outputs.subtitlesSrt, 'subtitles.srt'],
      [result.outputs.subtitlesVtt, 'subtitles.vtt'],
      [result.outputs.thumbnail, 'thumbnail.jpg'],
      [result.outputs.scenes, 'scenes.json'],
    ];
    for (const [key, name] of files) if (key) await downloadFile(storage, key, join(outDir, name));
    const options = { ...DEFAULT_RENDER_OPTIONS, ...result.film.options };
    const out = process.stdout;
    out.write(`\n"${result.film.title}": ${result.film.scenes.length} scenes, ${(result.film.duration ?? 0).toFixed(1)} s, ${options.style}, ${options.resolution} ${options.aspectRatio} at ${options.fps} fps\n`);
    out.write(`rendered in ${((Date.now() - started) / 1000).toFixed(1)} s (job ${jobId}${result.stepsSkipped.length ? `, reused ${result.stepsSkipped.join(', ')}` : ''})\n`);
    const timings = Object.entries(result.stepSeconds).map(([step, seconds]) => `${step} ${seconds.toFixed(1)} s`);
    if (timings.length) out.write(`steps: ${timings.join(', ')}\n`);
    for (const [key, name] of files) if (key) out.write(`  ${join(outDir, name)}\n`);
    for (const warning of result.warnings) out.write(`warning: ${warning}\n`);
    return 0;
  } catch (error) {
    bar.done();
    if (error instanceof RenderInputError) {
      process.stderr.write(`${error.errors.map((e) => `error: ${e.message}`).join('\n')}\n`);
      return 2;
    }
    if (error instanceof RenderAbortedError) {
      process.stderr.write('render stopped; run the same command again to resume\n');
      return 130;
    }
    process.stderr.write(`render failed: ${(error as Error).message}\n`);
    return 1;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`render failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
