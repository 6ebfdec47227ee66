import type { RenderOptions } from './render-options';
import type { RenderStep } from './render-steps';

export const MOODS = ['calm', 'joyful', 'tense', 'sad', 'mysterious', 'epic'] as const;
export type Mood = (typeof MOODS)[number];

export interface SentenceTiming {
  text: string;
  /** Seconds from the start of the film. */
  start: number;
  duration: number;
}

export interface SceneDescription {
  index: number;
  heading: string;
  /** What the voice says; dialogue is kept with its speaker's name. */
  narration: string;
  /** What the image shows. */
  visual: string;
  mood: Mood;
  keywords: string[];
  /** Seconds, from the word count at an ordinary speaking pace; the voice step measures the real one. */
  estimatedDuration: number;
  /** Seconds from the start of the film; known after the voice step. */
  start?: number;
  duration?: number;
  sentences?: SentenceTiming[];
  /** Storage key of the scene's still, known after the images step. */
  image?: string;
}

/**
 * The film as data (the editly idea): every step reads and extends it, compose renders only from it.
 * Written out as `scenes.json`.
 */
export interface FilmDescription {
  jobId: string;
  title: string;
  options: RenderOptions;
  scenes: SceneDescription[];
  /** Seconds, known after the voice step. */
  duration?: number;
  /** Which provider ran each finished step, e.g. `{ analyse: 'local', voice: 'elevenlabs' }`. */
  providers: Partial<Record<RenderStep, string>>;
  /** Things the user asked for that the render could not honour, in words. */
  warnings: string[];
}
