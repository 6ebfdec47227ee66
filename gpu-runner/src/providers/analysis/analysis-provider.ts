import type { Mood, RenderStyle } from '@afs/contracts';

export interface AnalysedScene {
  heading: string;
  narration: string;
  visual: string;
  mood: Mood;
  keywords: string[];
}

export interface AnalysisRequest {
  script: string;
  title: string;
  language: string;
  style: RenderStyle;
  signal?: AbortSignal;
}

export interface AnalysisProvider {
  readonly name: string;
  analyse(request: AnalysisRequest): Promise<AnalysedScene[]>;
}
