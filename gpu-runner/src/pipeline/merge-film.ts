import { isDeepStrictEqual } from 'node:util';
import type { FilmDescription, SceneDescription } from '@afs/contracts';

// By value, not only by reference: descriptions read back from storage share no objects.
const same = (a: unknown, b: unknown) => a === b || isDeepStrictEqual(a, b);

/** The fields `result` changed against `base`, the description the step started from. */
function changes<T extends object>(result: T, base: T): Partial<T> {
  return Object.fromEntries(Object.entries(result).filter(([key, value]) => !same(value, base[key as keyof T]))) as Partial<T>;
}

function mergeScenes(current: SceneDescription[], base: SceneDescription[], result: SceneDescription[]): SceneDescription[] {
  // A step that re-cut the scenes owns the list.
  if (result.length !== base.length || current.length !== base.length) return result;
  return result.map((scene, i) => (same(scene, base[i]) ? current[i] : { ...current[i], ...changes(scene, base[i]) }));
}

/**
 * What one step changed in the film description, laid over the description as it is now: steps run
 * side by side (images beside voice, the thumbnail beside compose), each from the description it
 * started with, and each changes its own fields (images a scene's image, voice its timing).
 */
export function mergeFilm(current: FilmDescription, base: FilmDescription, result: FilmDescription): FilmDescription {
  const merged: FilmDescription = { ...current, ...changes(result, base) };
  if (!same(result.scenes, base.scenes)) merged.scenes = mergeScenes(current.scenes, base.scenes, result.scenes);
  if (!same(result.warnings, base.warnings)) merged.warnings = [...current.warnings, ...result.warnings.filter((w) => !base.warnings.includes(w))];
  if (!same(result.providers, base.providers)) merged.providers = { ...current.providers, ...changes(result.providers, base.providers) };
  return merged;
}
