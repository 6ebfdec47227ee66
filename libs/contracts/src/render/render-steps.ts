// Pipeline steps in run order; also the `currentStep` values a render job reports.
export const RENDER_STEPS = ['analyse', 'images', 'voice', 'subtitles', 'music', 'compose', 'thumbnail'] as const;
export type RenderStep = (typeof RENDER_STEPS)[number];

export interface RenderProgress {
  step: RenderStep;
  /** 0..100 within the step. */
  percent: number;
  /** 0..100 over the whole render, weighted by how long steps usually take. */
  overall: number;
}

export const ANALYSIS_PROVIDERS = ['local', 'openai', 'anthropic'] as const;
export const IMAGE_PROVIDERS = ['local', 'openai'] as const;
export const VOICE_PROVIDERS = ['local', 'openai', 'elevenlabs'] as const;
export type AnalysisProviderName = (typeof ANALYSIS_PROVIDERS)[number];
export type ImageProviderName = (typeof IMAGE_PROVIDERS)[number];
export type VoiceProviderName = (typeof VOICE_PROVIDERS)[number];
