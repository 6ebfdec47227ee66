import { ASSET_KINDS, PER_SCENE_ASSET_KINDS, type JobOutputFile } from '@afs/contracts';
import { assertStorageKey } from '@afs/storage';

const CONTENT_TYPE = /^[a-z0-9][\w.+-]*\/[\w.+-]+(\s*;\s*[\w.+-]+=[\w.+"-]+)*$/i;
const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Why a runner output cannot be registered, or undefined when it can. */
export function outputProblem(output: JobOutputFile | undefined): string | undefined {
  if (!output || typeof output !== 'object') return 'not an object';
  if (!(ASSET_KINDS as readonly string[]).includes(output.kind))
    return `kind must be one of ${ASSET_KINDS.join(', ')}`;
  if (typeof output.storageKey !== 'string') return 'storageKey must be a string';
  try {
    assertStorageKey(output.storageKey);
  } catch (error) {
    return (error as Error).message;
  }
  if (!Number.isSafeInteger(output.size) || output.size < 0)
    return 'size must be a non-negative integer';
  if (
    typeof output.contentType !== 'string' ||
    output.contentType.length > 200 ||
    !CONTENT_TYPE.test(output.contentType)
  ) {
    return 'contentType must be a media type';
  }
  if (typeof output.checksum !== 'string' || !SHA256_HEX.test(output.checksum))
    return 'checksum must be a lower-case sha256 hex digest';
  if (
    output.durationSeconds != null &&
    !(Number.isFinite(output.durationSeconds) && output.durationSeconds >= 0)
  ) {
    return 'durationSeconds must be a non-negative number';
  }
  for (const field of ['width', 'height'] as const) {
    const value = output[field];
    if (value != null && !(Number.isInteger(value) && value > 0 && value <= 1_000_000))
      return `${field} must be a positive integer`;
  }
  if ((PER_SCENE_ASSET_KINDS as readonly string[]).includes(output.kind)) {
    if (!(Number.isInteger(output.sceneIndex) && output.sceneIndex! >= 0 && output.sceneIndex! < 100_000))
      return `sceneIndex must be a scene's index (0 or more) for ${output.kind}`;
  } else if (output.sceneIndex != null) {
    return `sceneIndex belongs to per-scene files only, not to ${output.kind}`;
  }
  return undefined;
}

/** What makes a job's file unique: its kind, and its scene for per-scene kinds. */
export const outputSlot = (output: Pick<JobOutputFile, 'kind' | 'sceneIndex'>) =>
  output.sceneIndex == null ? output.kind : `${output.kind}#${output.sceneIndex}`;
