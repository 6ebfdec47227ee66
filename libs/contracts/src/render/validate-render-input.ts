import {
  ASPECT_RATIOS,
  DEFAULT_RENDER_OPTIONS,
  FRAME_RATES,
  MUSIC_LEVEL_LIMITS,
  RENDER_STYLES,
  RESOLUTIONS,
  SCRIPT_MAX_LENGTH,
  SPEAKING_RATE_LIMITS,
  SUBTITLE_MODES,
  TARGET_DURATION_LIMITS,
  TITLE_MAX_LENGTH,
  type RenderOptions,
} from './render-options';

export interface RenderFieldError {
  field: string;
  message: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: RenderFieldError[] };

export interface RenderInput {
  script: string;
  title: string;
  options: RenderOptions;
}

const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
// A script needs at least one letter or digit in any script system to have something to say.
const SPEAKABLE = /[\p{L}\p{N}]/u;

function oneOf<T extends string | number>(
  field: string,
  allowed: readonly T[],
  value: unknown,
  errors: RenderFieldError[],
): T | undefined {
  if ((allowed as readonly unknown[]).includes(value)) return value as T;
  errors.push({ field, message: `${field} must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}` });
  return undefined;
}

function numberIn(
  field: string,
  limits: { min: number; max: number },
  value: unknown,
  errors: RenderFieldError[],
): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value >= limits.min && value <= limits.max) return value;
  errors.push({
    field,
    message: `${field} must be a number from ${limits.min} to ${limits.max}; got ${JSON.stringify(value)}`,
  });
  return undefined;
}

/** Fills defaults for missing options and reports every invalid one, each naming its allowed values. */
export function validateRenderOptions(input: unknown): Validated<RenderOptions> {
  if (input !== undefined && (typeof input !== 'object' || input === null || Array.isArray(input))) {
    return { ok: false, errors: [{ field: 'options', message: 'options must be an object' }] };
  }
  const raw = { ...DEFAULT_RENDER_OPTIONS, ...((input ?? {}) as Partial<Record<keyof RenderOptions, unknown>>) };
  const known = new Set<string>([...Object.keys(DEFAULT_RENDER_OPTIONS), 'targetDuration']);
  const errors: RenderFieldError[] = [];
  for (const key of Object.keys(raw)) {
    if (!known.has(key)) errors.push({ field: key, message: `unknown option ${key}; known options are ${[...known].join(', ')}` });
  }
  const style = oneOf('style', RENDER_STYLES, raw.style, errors);
  const aspectRatio = oneOf('aspectRatio', ASPECT_RATIOS, raw.aspectRatio, errors);
  const resolution = oneOf('resolution', RESOLUTIONS, raw.resolution, errors);
  const fps = oneOf('fps', FRAME_RATES, raw.fps, errors);
  const subtitles = oneOf('subtitles', SUBTITLE_MODES, raw.subtitles, errors);
  const speakingRate = numberIn('speakingRate', SPEAKING_RATE_LIMITS, raw.speakingRate, errors);
  const musicLevel = numberIn('musicLevel', MUSIC_LEVEL_LIMITS, raw.musicLevel, errors);
  const targetDuration =
    raw.targetDuration === undefined ? undefined : numberIn('targetDuration', TARGET_DURATION_LIMITS, raw.targetDuration, errors);
  if (typeof raw.music !== 'boolean') errors.push({ field: 'music', message: 'music must be true or false' });
  if (typeof raw.voice !== 'string' || !/^[\w.+:-]{1,100}$/.test(raw.voice)) {
    errors.push({ field: 'voice', message: 'voice must be a voice name of letters, digits and . _ + : - (or "default")' });
  }
  if (typeof raw.language !== 'string' || !LANGUAGE_TAG.test(raw.language)) {
    errors.push({ field: 'language', message: `language must be a language tag such as en, en-GB, ja or ar; got ${JSON.stringify(raw.language)}` });
  }
  if (errors.length > 0) return { ok: false, errors };
  const value: RenderOptions = {
    style: style!,
    aspectRatio: aspectRatio!,
    resolution: resolution!,
    fps: fps!,
    voice: raw.voice as string,
    speakingRate: speakingRate!,
    language: raw.language as string,
    music: raw.music as boolean,
    musicLevel: musicLevel!,
    subtitles: subtitles!,
  };
  if (targetDuration !== undefined) value.targetDuration = targetDuration;
  return { ok: true, value };
}

export function validateScript(script: unknown): RenderFieldError[] {
  if (typeof script !== 'string' || script.trim().length === 0) {
    return [{ field: 'script', message: 'script is empty' }];
  }
  if (script.length > SCRIPT_MAX_LENGTH) {
    return [
      {
        field: 'script',
        message: `script is ${script.length} characters long; the limit is ${SCRIPT_MAX_LENGTH} characters`,
      },
    ];
  }
  if (!SPEAKABLE.test(script)) {
    return [{ field: 'script', message: 'script has no words to narrate (only whitespace, punctuation or symbols)' }];
  }
  return [];
}

export function validateTitle(title: unknown): RenderFieldError[] {
  if (typeof title !== 'string' || title.trim().length === 0) return [{ field: 'title', message: 'title is empty' }];
  if (title.length > TITLE_MAX_LENGTH) {
    return [{ field: 'title', message: `title is longer than ${TITLE_MAX_LENGTH} characters` }];
  }
  return [];
}

/** Validates a whole render request: the script, its title and the options (defaults filled). */
export function validateRenderInput(input: { script: unknown; title: unknown; options?: unknown }): Validated<RenderInput> {
  const errors = [...validateScript(input.script), ...validateTitle(input.title)];
  const options = validateRenderOptions(input.options);
  if (!options.ok) errors.push(...options.errors);
  if (errors.length > 0 || !options.ok) return { ok: false, errors };
  return { ok: true, value: { script: input.script as string, title: (input.title as string).trim(), options: options.value } };
}

export function formatRenderErrors(errors: RenderFieldError[]): string {
  return errors.map((e) => e.message).join('; ');
}
