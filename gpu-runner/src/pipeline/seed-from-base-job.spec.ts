import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RenderStep } from '@afs/contracts';
import { downloadFile, LocalStorage } from '@afs/storage';
import { loadRunnerConfig } from '../config/runner-config';
import type { ImageProvider } from '../providers/image/image-provider';
import { createProviders } from '../providers/provider-set';
import { JobStore } from './job-store';
import { renderFilm } from './render-film';
import { seedFromBaseJob } from './seed-from-base-job';

// Real ffmpeg and espeak-ng; a short script at 480p and 24 fps keeps it quick.
jest.setTimeout(60_000);

const SCRIPT = `EXT. HARBOUR - NIGHT

Rain falls on the harbour. A small boat rocks at the pier.

INT. CABIN - NIGHT

The lamp flickers. Someone knocks twice.
`;
const TITLE = 'Knock Twice';
const OPTIONS = { resolution: '480p', fps: 24, music: false } as const;

/** Stills of one flat colour, as a remote image model's new pictures would differ from the first ones. */
function flatImages(rgb: [number, number, number]): ImageProvider {
  const ppm = Buffer.concat([Buffer.from('P6\n16 16\n255\n'), Buffer.alloc(16 * 16 * 3).map((_, i) => rgb[i % 3])]);
  return { name: `flat ${rgb.join(',')}`, render: async () => ppm, close: async () => undefined };
}

describe('seedFromBaseJob: a single-step job starts from the newest finished steps that fit together', () => {
  let root: string;
  let storage: LocalStorage;
  const config = loadRunnerConfig({ RENDER_CONCURRENCY: '2' });

  /** A single-step job as the runner runs it: seeded from its sources, then rendered. */
  async function singleStep(jobId: string, steps: RenderStep[], newerJobIds: string[], images?: ImageProvider) {
    const seed = await seedFromBaseJob({ storage, jobId, baseJobId: 'full', newerJobIds, script: SCRIPT, title: TITLE, options: OPTIONS, steps });
    const providers = images ? { ...createProviders(config), images } : undefined;
    const result = await renderFilm({ jobId, script: SCRIPT, title: TITLE, options: OPTIONS, steps, storage, config, providers });
    return { seed, result };
  }

  const manifest = async (jobId: string) => (await new JobStore(storage, jobId).readManifest())!;
  const stillBytes = async (jobId: string) => storage.get(`jobs/${jobId}/images/scene-001.png`);

  /** The colour of the film's upper half (above the subtitles) at `seconds`, averaged. */
  async function colourAt(jobId: string, seconds: number): Promise<number[]> {
    const path = join(root, `${jobId}.mp4`);
    await downloadFile(storage, `jobs/${jobId}/compose/film.mp4`, path);
    const rgb = execFileSync('ffmpeg', ['-v', 'error', '-ss', String(seconds), '-i', path, '-frames:v', '1', '-vf', 'crop=iw:ih/2:0:0,scale=1:1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-']);
    return [...rgb];
  }

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'afs-seed-spec-'));
    storage = new LocalStorage(join(root, 'storage'));
    await renderFilm({ jobId: 'full', script: SCRIPT, title: TITLE, options: OPTIONS, storage, config });
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("composes the stills of a newer image_generation with the base film's narration", async () => {
    const images = await singleStep('red-stills', ['images'], [], flatImages([220, 20, 20]));
    expect(images.result.stepsRun).toEqual(['images']);

    const { seed, result } = await singleStep('recomposed', ['compose'], ['red-stills']);
    expect(seed).toEqual({ seeded: ['analyse', 'images', 'voice', 'subtitles', 'music'], notes: [] });
    expect(result.stepsRun).toEqual(['compose']);
    const steps = (await manifest('recomposed')).steps;
    expect([steps.analyse?.origin, steps.images?.origin, steps.voice?.origin, steps.subtitles?.origin]).toEqual(['full', 'red-stills', 'full', 'full']);
    expect((await stillBytes('recomposed')).equals(await stillBytes('red-stills'))).toBe(true);
    // The description the film was composed from points at the copied stills and keeps the base's timing.
    expect(result.film.scenes.map((s) => s.image)).toEqual(['jobs/recomposed/images/scene-001.png', 'jobs/recomposed/images/scene-002.png']);
    expect(result.film.scenes.map((s) => s.duration)).toEqual((await new JobStore(storage, 'full').loadFilm('voice')).scenes.map((s) => s.duration));
    expect(result.film.providers.images).toBe('flat 220,20,20');

    const [r, g, b] = await colourAt('recomposed', 1.5);
    expect(r).toBeGreaterThan(150);
    expect(g + b).toBeLessThan(120);
    const base = await colourAt('full', 1.5);
    expect(base[1] + base[2]).toBeGreaterThan(120); // the base film's storyboard is not red: the check can fail
  });

  it('prefers the newest source that holds a step', async () => {
    await singleStep('blue-stills', ['images'], ['red-stills'], flatImages([20, 20, 220]));
    const { seed } = await singleStep('thumbnail-after-blue', ['thumbnail'], ['blue-stills', 'red-stills']);
    expect(seed.seeded).toEqual(['analyse', 'images', 'voice']);
    expect((await manifest('thumbnail-after-blue')).steps.images?.origin).toBe('blue-stills');
  });

  it('takes the freshest stills, not those of the job that finished last (a copy of older ones)', async () => {
    // A thumbnail job that copied the base's stills while red-stills was still rendering, and ended after it.
    await singleStep('late-thumbnail', ['thumbnail'], []);
    expect((await manifest('late-thumbnail')).steps.images?.origin).toBe('full');
    const { seed } = await singleStep('after-late-thumbnail', ['thumbnail'], ['late-thumbnail', 'red-stills']);
    expect(seed.seeded).toEqual(['analyse', 'images', 'voice']);
    expect((await manifest('after-late-thumbnail')).steps.images?.origin).toBe('red-stills');
  });

  it('never pairs a re-run analysis with stills or narration made from the old one', async () => {
    const analysis = await singleStep('reanalysed', ['analyse'], []);
    expect(analysis.result.stepsRun).toEqual(['analyse']);

    const { seed, result } = await singleStep('after-reanalysis', ['compose'], ['reanalysed', 'red-stills']);
    expect(seed.seeded).toEqual(['analyse']);
    expect(seed.notes).toEqual(
      ['images', 'voice', 'subtitles', 'music'].map((step) => `${step} is rendered again: the steps it is made from were rendered again`),
    );
    expect(result.stepsRun).toEqual(['images', 'voice', 'subtitles', 'music', 'compose']);
    expect((await manifest('after-reanalysis')).steps.analyse?.origin).toBe('reanalysed');
  });

  it('passes over newer jobs of another script or without stored steps', async () => {
    await renderFilm({ jobId: 'other-script', script: 'A different story entirely.', title: TITLE, options: OPTIONS, steps: ['analyse'], storage, config });
    const seed = await seedFromBaseJob({
      storage,
      jobId: 'with-stranger',
      baseJobId: 'full',
      newerJobIds: ['other-script', 'missing-job'],
      script: SCRIPT,
      title: TITLE,
      options: OPTIONS,
      steps: ['thumbnail'],
    });
    expect(seed).toEqual({ seeded: ['analyse', 'images', 'voice'], notes: [] });
    expect((await manifest('with-stranger')).steps.analyse?.origin).toBe('full');
  });
});
