// Prints render figures; not a test. Run with `npm run bench:render` (builds first).
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RenderOptions } from '@afs/contracts';
import { downloadFile, LocalStorage } from '@afs/storage';
import { loadRunnerConfig } from '../gpu-runner/src/config/runner-config';
import { chooseVideoEncoder } from '../gpu-runner/src/media/video-encoder';
import { renderFilm, type RenderFilmResult } from '../gpu-runner/src/pipeline/render-film';

const RUNS = 3;
const EXAMPLE = join(__dirname, '../../examples/bench-night-market.fountain');

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Resident memory of a process and all its descendants (ffmpeg children included), in bytes. */
function treeRss(rootPid: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pid = Number(entry);
      const ppid = Number(fields[1]);
      rss.set(pid, Number(fields[21]) * 4096);
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    } catch {
      // Gone while reading.
    }
  }
  let total = 0;
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop()!;
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

/**
 * CPU seconds used so far by this process and its finished children (ffmpeg, espeak-ng). Less
 * disturbed than wall time by whatever else the shared machine runs.
 */
function cpuSeconds(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime, stime, cutime, cstime: fields 14 to 17 of proc(5), counted from the state field here.
  return [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0) / CLOCK_TICKS;
}

/** The encode floor: ffmpeg alone re-encoding the finished film's frames with the same settings. */
function encodeFloor(film: string, encoderOptions: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('ffmpeg', ['-v', 'error', '-i', film, '-an', ...encoderOptions, '-f', 'null', '-'], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve((performance.now() - started) / 1000) : reject(new Error(`floor encode exited ${code}`))));
  });
}

async function renderOnce(storage: LocalStorage, script: string, options: Partial<RenderOptions>, jobId: string, onSample?: () => void): Promise<{ result: RenderFilmResult; wall: number; cpu: number }> {
  const config = loadRunnerConfig();
  const timer = onSample ? setInterval(onSample, 25) : undefined;
  const started = performance.now();
  const cpuBefore = cpuSeconds();
  try {
    const result = await renderFilm({ jobId, script, title: 'The Night Market', options, storage, config });
    return { result, wall: (performance.now() - started) / 1000, cpu: cpuSeconds() - cpuBefore };
  } finally {
    if (timer) clearInterval(timer);
  }
}

async function main(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'afs-bench-'));
  const storage = new LocalStorage(join(root, 'storage'));
  const script = await readFile(EXAMPLE, 'utf8');
  const config = loadRunnerConfig();
  const encoder = chooseVideoEncoder(config);
  const cpu = execFileSync('nproc', { encoding: 'utf8' }).trim();
  console.log(`render benchmark: ${EXAMPLE.split('/').pop()}, ${cpu} cores, encoder ${encoder.options.join(' ')}, concurrency ${config.RENDER_CONCURRENCY}`);

  try {
    const walls: number[] = [];
    const floors: number[] = [];
    const cpus: number[] = [];
    const floorCpus: number[] = [];
    let duration = 0;
    let scenes = 0;
    const stepsByRun: RenderFilmResult['stepSeconds'][] = [];
    for (let run = 1; run <= RUNS; run += 1) {
      const { result, wall, cpu } = await renderOnce(storage, script, { resolution: '720p', fps: 30 }, `bench-720p-${Date.now()}-${run}`);
      const film = join(root, `film-${run}.mp4`);
      await downloadFile(storage, result.outputs.film!, film);
      const floorCpuBefore = cpuSeconds();
      const floor = await encodeFloor(film, encoder.options);
      walls.push(wall);
      floors.push(floor);
      cpus.push(cpu);
      floorCpus.push(cpuSeconds() - floorCpuBefore);
      duration = result.film.duration ?? 0;
      scenes = result.film.scenes.length;
      stepsByRun.push(result.stepSeconds);
      console.log(`  720p30 run ${run}: wall ${wall.toFixed(2)} s, floor ${floor.toFixed(2)} s; CPU ${cpu.toFixed(1)} s, floor CPU ${floorCpus[run - 1].toFixed(1)} s`);
    }
    const wall = median(walls);
    const floor = median(floors);
    const steps = stepsByRun[walls.indexOf(wall)];
    console.log(`\n720p30, ${scenes} scenes, ${duration.toFixed(1)} s of film (median of ${RUNS}):`);
    console.log(`  wall time            ${wall.toFixed(2)} s`);
    console.log(`  real-time factor     ${(duration / wall).toFixed(2)}x (video seconds per wall second; aim >= 6)`);
    console.log(`  encode floor         ${floor.toFixed(2)} s (ffmpeg alone re-encoding the film, same settings)`);
    console.log(`  ratio to floor       ${(wall / floor).toFixed(2)}x (aim <= 1.5)`);
    console.log(`  floor real-time      ${(duration / floor).toFixed(2)}x (what this machine's encoder allows)`);
    console.log(`  CPU time             ${median(cpus).toFixed(1)} s render, ${median(floorCpus).toFixed(1)} s floor (ratio ${(median(cpus) / median(floorCpus)).toFixed(2)}x; runner + ffmpeg, steadier than wall time on a shared machine)`);
    console.log(`  steps                ${Object.entries(steps).map(([s, t]) => `${s} ${t.toFixed(2)}`).join(', ')}`);

    let peak = 0;
    const { result, wall: wall1080 } = await renderOnce(storage, script, { resolution: '1080p', fps: 30 }, `bench-1080p-${Date.now()}`, () => {
      peak = Math.max(peak, treeRss(process.pid));
    });
    console.log(`\n1080p30, ${(result.film.duration ?? 0).toFixed(1)} s of film:`);
    console.log(`  wall time            ${wall1080.toFixed(2)} s (real-time factor ${((result.film.duration ?? 0) / wall1080).toFixed(2)}x)`);
    console.log(`  peak memory          ${(peak / 1024 / 1024).toFixed(0)} MB (runner + ffmpeg children, sampled every 25 ms; aim < 600)`);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
