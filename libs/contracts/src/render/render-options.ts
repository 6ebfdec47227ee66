// The render options as the API, the CLI and the runner spell them. Allowed values are `as const`
// tuples so DTOs (class-validator `@IsIn`) and zod schemas can share them without repeating them.
export const RENDER_STYLES = ['cinematic', 'documentary', 'anime', 'noir', 'watercolor', 'minimal'] as const;
export const ASPECT_RATIOS = ['16:9', '9:16', '1:1'] as const;
export const RESOLUTIONS = ['480p', '720p', '1080p'] as const;
export const FRAME_RATES = [24, 25, 30] as const;
export const SUBTITLE_MODES = ['burned', 'soft', 'none'] as const;

export type RenderStyle = (typeof RENDER_STYLES)[number];
export type AspectRatio = (typeof ASPECT_RATIOS)[number];
export type Resolution = (typeof RESOLUTIONS)[number];
export type FrameRate = (typeof FRAME_RATES)[number];
export type SubtitleMode = (typeof SUBTITLE_MODES)[number];

export interface RenderOptions {
  style: RenderStyle;
  aspectRatio: AspectRatio;
  resolution: Resolution;
  fps: FrameRate;
  /** Provider-specific voice name; `default` lets the voice provider pick one for the language. */
  voice: string;
  /** 1 is the provider's natural pace. */
  speakingRate: number;
  /** BCP 47 language tag of the script, e.g. `en`, `ja`, `ar`. */
  language: string;
  music: boolean;
  /** Music bed level relative to the voice, 0 (silent) to 1 (as loud as the voice). */
  musicLevel: number;
  subtitles: SubtitleMode;
  /** Seconds; paces the speaking rate within SPEAKING_RATE_LIMITS when given. */
  targetDuration?: number;
}

export const DEFAULT_RENDER_OPTIONS: Readonly<RenderOptions> = Object.freeze({
  style: 'cinematic',
  aspectRatio: '16:9',
  resolution: '720p',
  fps: 30,
  voice: 'default',
  speakingRate: 1,
  language: 'en',
  music: true,
  musicLevel: 0.25,
  subtitles: 'burned',
});

export const SCRIPT_MAX_LENGTH = 100_000;
export const TITLE_MAX_LENGTH = 200;
export const SPEAKING_RATE_LIMITS = { min: 0.5, max: 2 } as const;
/** The range target-duration pacing may move the speaking rate within; beyond it speech degrades. */
export const PACING_RATE_LIMITS = { min: 0.75, max: 1.6 } as const;
export const MUSIC_LEVEL_LIMITS = { min: 0, max: 1 } as const;
export const TARGET_DURATION_LIMITS = { min: 5, max: 3600 } as const;
