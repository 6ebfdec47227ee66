import { z } from 'zod';
import { ANALYSIS_PROVIDERS, IMAGE_PROVIDERS, VOICE_PROVIDERS } from '@afs/contracts';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/**
 * Who times the subtitles: `none` keeps the voice step's sentence timings; `openai` transcribes the
 * narration (word timestamps) through the OpenAI-compatible endpoint; `auto` does so only for a
 * narration from a remote voice, whose audio the runner did not make and may pad with silence, and
 * only when an OpenAI-compatible endpoint is configured.
 */
export const TRANSCRIPTION_PROVIDERS = ['auto', 'none', 'openai'] as const;

const schema = z.object({
  ANALYSIS_PROVIDER: z.enum(ANALYSIS_PROVIDERS).default('local'),
  IMAGE_PROVIDER: z.enum(IMAGE_PROVIDERS).default('local'),
  VOICE_PROVIDER: z.enum(VOICE_PROVIDERS).default('local'),
  TRANSCRIPTION_PROVIDER: z.enum(TRANSCRIPTION_PROVIDERS).default('auto'),
  // One bound for every remote request; the SDK defaults (10 minutes, 2 retries) would stall a render.
  PROVIDER_TIMEOUT_MS: positiveInt(60_000),
  PROVIDER_MAX_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
  OPENAI_BASE_URL: z.string().url().optional(),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_ANALYSIS_MODEL: z.string().default('gpt-4o-mini'),
  OPENAI_IMAGE_MODEL: z.string().default('gpt-image-1'),
  OPENAI_TTS_MODEL: z.string().default('gpt-4o-mini-tts'),
  OPENAI_TTS_VOICE: z.string().default('alloy'),
  // whisper-1, not gpt-4o-transcribe: only it answers verbose_json with word and segment times.
  OPENAI_TRANSCRIPTION_MODEL: z.string().default('whisper-1'),
  ANTHROPIC_BASE_URL: z.string().url().optional(),
  ANTHROPIC_API_KEY: z.string().optional(),
  ANTHROPIC_MODEL: z.string().default('claude-sonnet-5-5'),
  ELEVENLABS_BASE_URL: z.string().url().optional(),
  ELEVENLABS_API_KEY: z.string().optional(),
  ELEVENLABS_MODEL: z.string().default('eleven_multilingual_v2'),
  ELEVENLABS_VOICE_ID: z.string().default('21m00Tcm4TlvDq8ikWAM'),
  ESPEAK_PATH: z.string().default('espeak-ng'),
  FFMPEG_PATH: z.string().optional(),
  FFPROBE_PATH: z.string().optional(),
  // Off unless asked: NVENC is used only when enabled here and the ffmpeg build lists h264_nvenc.
  NVENC: z.enum(['on', 'off']).default('off'),
  X264_PRESET: z.enum(['ultrafast', 'superfast', 'veryfast', 'faster', 'fast', 'medium']).default('veryfast'),
  X264_CRF: z.coerce.number().int().min(0).max(51).default(23),
  // On top of the preset (`none` for the preset alone). A Ken Burns move is slow and smooth: diamond
  // search with one subpixel pass finds it as well as veryfast's hexagon and two passes do (files
  // about 1% larger, the same SSIM) for about 30% less encoder time, the bulk of a render.
  X264_PARAMS: z
    .string()
    .regex(/^(none|[\w-]+=[\w.,-]+(:[\w-]+=[\w.,-]+)*)$/, 'expected none or key=value pairs joined by ":"')
    .default('me=dia:subme=1'),
  // Parallel ffmpeg segment encoders; 2 suits a 2-core machine, more only helps with more cores.
  RENDER_CONCURRENCY: positiveInt(2),
  // Memory the runner and its ffmpeg children should stay under; limits parallel encoders at 1080p.
  RENDER_MEMORY_MB: positiveInt(560),
  RENDER_WORK_DIR: z.string().optional(),
}).superRefine((config, ctx) => {
  // A chosen vendor without its key would fail every render at the first request; fail at start-up instead.
  // OpenAI-compatible servers on a GPU host often need no key, so a base URL alone is enough there.
  const needs: [boolean, keyof typeof config, string][] = [
    [config.ANALYSIS_PROVIDER === 'anthropic' && !config.ANTHROPIC_API_KEY, 'ANTHROPIC_API_KEY', 'ANALYSIS_PROVIDER=anthropic'],
    [config.VOICE_PROVIDER === 'elevenlabs' && !config.ELEVENLABS_API_KEY, 'ELEVENLABS_API_KEY', 'VOICE_PROVIDER=elevenlabs'],
    [usesOpenAI(config) && !hasOpenAIEndpoint(config), 'OPENAI_API_KEY', 'an openai provider'],
  ];
  for (const [missing, variable, reason] of needs) {
    if (missing) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [variable], message: `required for ${reason}` });
  }
});

function usesOpenAI(config: { ANALYSIS_PROVIDER: string; IMAGE_PROVIDER: string; VOICE_PROVIDER: string; TRANSCRIPTION_PROVIDER: string }): boolean {
  return [config.ANALYSIS_PROVIDER, config.IMAGE_PROVIDER, config.VOICE_PROVIDER, config.TRANSCRIPTION_PROVIDER].includes('openai');
}

/** Whether an OpenAI-compatible endpoint is configured (a key for OpenAI's own, or a base URL). */
export function hasOpenAIEndpoint(config: Pick<RunnerConfig, 'OPENAI_API_KEY' | 'OPENAI_BASE_URL'>): boolean {
  return Boolean(config.OPENAI_API_KEY || config.OPENAI_BASE_URL);
}

export type RunnerConfig = z.infer<typeof schema>;

/** Reads and validates the runner's environment; a bad variable fails with one line naming it. */
export function loadRunnerConfig(env: NodeJS.ProcessEnv = process.env): RunnerConfig {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid environment variable ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}
