import type { Mood, RenderStyle } from '@afs/contracts';

export interface ImageRequest {
  index: number;
  heading: string;
  visual: string;
  narration: string;
  mood: Mood;
  keywords: string[];
  style: RenderStyle;
  language: string;
  width: number;
  height: number;
  signal?: AbortSignal;
}

export interface ImageProvider {
  readonly name: string;
  /** A still for one scene: PNG bytes, or any image ffmpeg reads (the images step fits it to width x height). */
  render(request: ImageRequest): Promise<Buffer>;
  /** Releases child processes or connections. */
  close(): Promise<void>;
}
