import {
  validateRenderInput,
  type FilmDescription,
  type RenderOptions,
  type RenderStep,
} from '@afs/contracts';
import type { Storage } from '@afs/storage';
import { inputHash, JobStore } from './job-store';
import { stepsToRun } from './render-steps';

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
  /** The new job: its store receives copies of the base job's finished steps. */
  jobId: string;
  baseJobId: string;
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

/**
 * Prepares a single-step job (video_composition, thumbnail_generation, ...): copies the base job's
 * finished outputs of the steps the requested ones depend on into the new job's store and marks
 * them done, so `renderFilm` with the new jobId skips them and renders only the requested steps.
 * Copies rather than references, so the new job stays complete if the base job's files are pruned
 * and a retry of the new job resumes like any other. Idempotent: steps already in the new job's
 * manifest are left alone.
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
  if (candidates.length === 0 || input.baseJobId === input.jobId) return { seeded: [], notes: [] };

  const base = new JobStore(input.storage, input.baseJobId);
  // Read-only: JobStore.open() would replace a manifest whose input differs, which must never
  // happen to the base job.
  const baseManifest = await base.readManifest();
  if (!baseManifest)
    return {
      seeded: [],
      notes: [`base job ${input.baseJobId} has no stored steps; its steps are rendered again`],
    };
  const baseFilm = await base.latestFilm(baseManifest);
  // The manifest hashes script, title and options: recomputing it with the base's own title and
  // options tells whether the base rendered this very script, which it never stores in full.
  if (!baseFilm || inputHash(script, baseFilm.title, baseFilm.options) !== baseManifest.inputHash) {
    return {
      seeded: [],
      notes: [
        `base job ${input.baseJobId} rendered a different script; its steps are rendered again`,
      ],
    };
  }

  const target = new JobStore(input.storage, input.jobId);
  const manifest = await target.open(inputHash(script, title, options));
  const seeded: RenderStep[] = [];
  const notes: string[] = [];
  // In the order the base job finished them: steps run side by side, and the description stored by
  // the last one to finish is the one holding every finished step's changes (JobStore.latestFilm).
  const finishOrder = (step: RenderStep) => baseManifest.steps[step]?.seq ?? Number.MAX_SAFE_INTEGER;
  for (const step of [...candidates].sort((a, b) => finishOrder(a) - finishOrder(b))) {
    if (manifest.steps[step]) {
      seeded.push(step);
      continue;
    }
    const record = baseManifest.steps[step];
    const needs = stepsToRun([step]).filter((s) => s !== step);
    const changed = STEP_INPUTS[step].filter((key) =>
      key === 'title'
        ? baseFilm.title !== title
        : JSON.stringify(baseFilm.options[key]) !== JSON.stringify(options[key]),
    );
    if (!record) notes.push(`base job ${input.baseJobId} did not finish ${step}`);
    else if (changed.length > 0)
      notes.push(`${step} is rendered again: ${changed.join(', ')} changed since the base job`);
    if (!record || changed.length > 0 || !needs.every((s) => seeded.includes(s))) continue;

    for (const name of record.files) {
      await input.storage.put(
        target.key(step, name),
        await input.storage.stream(base.key(step, name)),
      );
    }
    const film = rebase(await base.loadFilm(step), base, target, title, options);
    await target.putJson(step, 'film.json', film);
    await target.markDone(manifest, step, { provider: record.provider, files: record.files });
    seeded.push(step);
  }
  return { seeded, notes };
}

/** The base job's film description, re-addressed to the new job and carrying its title and options. */
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
