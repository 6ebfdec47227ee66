import {
  validateRenderInput,
  type FilmDescription,
  type RenderOptions,
  type RenderStep,
} from '@afs/contracts';
import type { Storage } from '@afs/storage';
import { inputHash, JobStore, type JobManifest } from './job-store';
import { mergeFilm } from './merge-film';
import { stepNeeds, stepsToRun } from './render-steps';

/**
 * The options each step reads (mirrors pipeline/steps/*-step.ts). A base job's step output is reused
 * only when these match, so a single-step job after an option change re-renders what that change
 * affects instead of mixing old and new settings.
 */
const STEP_INPUTS: Record<RenderStep, readonly (keyof RenderOptions | 'title')[]> = {
  analyse: ['title', 'language', 'speakingRate', 'style'],
  images: ['aspectRatio', 'language', 'resolution', 'style'],
  voice: ['language', 'speakingRate', 'targetDuration', 'voice'],
  subtitles: ['language'],
  music: ['music'],
  compose: [
    'aspectRatio',
    'fps',
    'language',
    'music',
    'musicLevel',
    'resolution',
    'subtitles',
    'title',
  ],
  thumbnail: ['aspectRatio', 'language', 'style', 'title'],
};

export interface SeedFromBaseJobInput {
  storage: Storage;
  /** The new job: its store receives copies of the base jobs' finished steps. */
  jobId: string;
  /** The finished film the job re-renders a step of. */
  baseJobId: string;
  /** Jobs of the same script that finished after the base, newest first; their steps come first. */
  newerJobIds?: readonly string[];
  script: string;
  title: string;
  options?: unknown;
  /** The steps the new job renders again; only the steps they depend on are seeded. */
  steps: readonly RenderStep[];
}

export interface SeedResult {
  /** Steps now finished in the new job's store (copied now or by an earlier try of the same job). */
  seeded: RenderStep[];
  /** Why a step the job depends on could not be reused; renderFilm renders it again. */
  notes: string[];
}

/** A finished job whose steps can be copied: it rendered this very script. */
interface Source {
  store: JobStore;
  manifest: JobManifest;
  film: FilmDescription;
}

/**
 * Prepares a single-step job (video_composition, thumbnail_generation, ...): copies the finished
 * outputs of the steps the requested ones depend on into the new job's store and marks them done, so
 * `renderFilm` with the new jobId skips them and renders only the requested steps. Each step comes
 * from the source holding its most recently rendered version with the same inputs and made from the
 * same material as the steps already copied (its needs have the same origin), so a video_composition after an
 * image_generation composes the new stills with the base's narration, while stills drawn from a
 * re-run analysis never meet narration of the old one. Copies rather than references, so the new job
 * stays complete if the sources' files are pruned and a retry resumes like any other. Idempotent:
 * steps already in the new job's manifest are left alone.
 */
export async function seedFromBaseJob(input: SeedFromBaseJobInput): Promise<SeedResult> {
  const validated = validateRenderInput({
    script: input.script,
    title: input.title,
    options: input.options,
  });
  // renderFilm reports invalid input with every problem listed; nothing to seed here.
  if (!validated.ok) return { seeded: [], notes: [] };
  const { script, title, options } = validated.value;
  const requested = new Set(input.steps);
  const candidates = stepsToRun(input.steps).filter((step) => !requested.has(step));
  const sourceIds = [...(input.newerJobIds ?? []), input.baseJobId].filter((id) => id !== input.jobId);
  if (candidates.length === 0 || !sourceIds.includes(input.baseJobId)) return { seeded: [], notes: [] };

  const notes: string[] = [];
  const sources: Source[] = [];
  for (const id of sourceIds) {
    const source = await readSource(input.storage, id, script);
    if (typeof source === 'string') {
      // Newer jobs of another script version are simply not sources; the base's absence is worth saying.
      if (id === input.baseJobId) notes.push(source);
    } else sources.push(source);
  }
  const base = sources.find((source) => source.store.jobId === input.baseJobId);

  const target = new JobStore(input.storage, input.jobId);
  const manifest = await target.open(inputHash(script, title, options));
  let film = await target.latestFilm(manifest);
  const seeded: RenderStep[] = [];
  // In pipeline order: a step's needs are settled before it.
  for (const step of candidates) {
    if (manifest.steps[step]) {
      seeded.push(step);
      continue;
    }
    const remade = `${step} is rendered again: the steps it is made from were rendered again`;
    if (!stepsToRun([step]).every((need) => need === step || seeded.includes(need))) {
      notes.push(remade);
      continue;
    }
    const changedIn = (source: Source) =>
      STEP_INPUTS[step].filter((key) =>
        key === 'title' ? source.film.title !== title : JSON.stringify(source.film.options[key]) !== JSON.stringify(options[key]),
      );
    const fits = (source: Source) =>
      source.manifest.steps[step] !== undefined &&
      changedIn(source).length === 0 &&
      stepNeeds(step).every((need) => source.store.originOf(source.manifest, need) === target.originOf(manifest, need));
    // The freshest material, not the freshest job: a job that finished late may hold a copy of
    // stills older than the ones another job drew meanwhile. Origins are ranked as the sources are
    // (newest first); material older than every source comes last.
    const freshness = (candidate: Source) => {
      const rank = sourceIds.indexOf(candidate.store.originOf(candidate.manifest, step)!);
      return rank === -1 ? sourceIds.length : rank;
    };
    const source = sources.filter(fits).sort((a, b) => freshness(a) - freshness(b))[0];
    if (!source) {
      if (!base?.manifest.steps[step]) notes.push(`base job ${input.baseJobId} did not finish ${step}`);
      else if (changedIn(base).length > 0) notes.push(`${step} is rendered again: ${changedIn(base).join(', ')} changed since the base job`);
      else notes.push(remade);
      continue;
    }

    const record = source.manifest.steps[step]!;
    for (const name of record.files) {
      await input.storage.put(target.key(step, name), await input.storage.stream(source.store.key(step, name)));
    }
    // This step's changes to the description, laid over what the steps copied so far made of it.
    const made = rebase(await source.store.loadFilm(step), source.store, target, title, options);
    const before = await source.store.filmBefore(source.manifest, step);
    film = film && before ? mergeFilm(film, rebase(before, source.store, target, title, options), made) : made;
    await target.putJson(step, 'film.json', film);
    await target.markDone(manifest, step, {
      provider: record.provider,
      files: record.files,
      origin: source.store.originOf(source.manifest, step),
    });
    seeded.push(step);
  }
  return { seeded, notes };
}

/** A finished job's store, or why it cannot be a source. */
async function readSource(storage: Storage, jobId: string, script: string): Promise<Source | string> {
  const store = new JobStore(storage, jobId);
  // Read-only: JobStore.open() would replace a manifest whose input differs, which must never
  // happen to another job.
  const manifest = await store.readManifest();
  if (!manifest) return `base job ${jobId} has no stored steps; its steps are rendered again`;
  const film = await store.latestFilm(manifest);
  // The manifest hashes script, title and options: recomputing it with the job's own title and
  // options tells whether it rendered this very script, which it never stores in full.
  if (!film || inputHash(script, film.title, film.options) !== manifest.inputHash) {
    return `base job ${jobId} rendered a different script; its steps are rendered again`;
  }
  return { store, manifest, film };
}

/** A source job's film description, re-addressed to the new job and carrying its title and options. */
function rebase(
  film: FilmDescription,
  base: JobStore,
  target: JobStore,
  title: string,
  options: RenderOptions,
): FilmDescription {
  const move = (key: string | undefined) =>
    key?.startsWith(`${base.prefix}/`)
      ? `${target.prefix}/${key.slice(base.prefix.length + 1)}`
      : key;
  return {
    ...film,
    jobId: target.jobId,
    title,
    options,
    scenes: film.scenes.map((scene) =>
      scene.image === undefined ? scene : { ...scene, image: move(scene.image) },
    ),
  };
}
