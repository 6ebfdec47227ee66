import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ProviderError } from '../../providers/provider-error';
import type { TranscriptionProvider } from '../../providers/transcription/transcription-provider';
import { buildCues, toSrt, toVtt } from '../subtitles/subtitle-cues';
import { transcribedCues } from '../subtitles/transcribed-cues';
import type { PipelineStep, StepContext } from '../step-context';

/**
 * The transcriber when the configuration wants one for this narration. `auto` transcribes only a
 * remote voice's audio: espeak's sentences carry no padding, so its measured timings are already exact.
 */
function transcriberFor(context: StepContext): TranscriptionProvider | undefined {
  const mode = context.config.TRANSCRIPTION_PROVIDER;
  if (mode === 'none') return undefined;
  if (mode === 'auto' && (context.film.providers.voice ?? 'local') === 'local') return undefined;
  if (mode === 'openai' && !context.providers.transcription) throw new Error('TRANSCRIPTION_PROVIDER is openai but the provider set has no transcriber');
  return context.providers.transcription;
}

/** On auto the operator may not know transcription was tried (a speech-only server): say how to opt out. */
function explainAuto(context: StepContext, error: unknown): never {
  if (context.config.TRANSCRIPTION_PROVIDER !== 'auto' || !(error instanceof ProviderError)) throw error;
  throw new ProviderError(error.step, error.provider, `${error.detail} (TRANSCRIPTION_PROVIDER=auto transcribes a remote voice's narration; set it to none to time subtitles by the voice step)`, { cause: error });
}

export const subtitlesStep: PipelineStep = {
  name: 'subtitles',
  async run(context) {
    const { film } = context;
    const transcriber = transcriberFor(context);
    const cues = transcriber ? await transcribedCues(context, transcriber).catch((error: unknown) => explainAuto(context, error)) : buildCues(film.scenes, film.options.language);
    await writeFile(join(context.workDir, 'subtitles.srt'), toSrt(cues));
    await writeFile(join(context.workDir, 'subtitles.vtt'), toVtt(cues));
    context.progress(100);
    const provider = transcriber ? `${transcriber.name} transcription` : `${film.providers.voice ?? context.providers.voice.name} voice timings`;
    return { film, files: ['subtitles.srt', 'subtitles.vtt'], provider };
  },
};
