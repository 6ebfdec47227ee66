import type { SceneDescription } from '@afs/contracts';
import { countSpokenWords } from '../../text/sentences';
import type { PipelineStep } from '../step-context';

/** An ordinary narration pace; only for estimates, the voice step measures the real durations. */
const WORDS_PER_MINUTE = 155;

export const analyseStep: PipelineStep = {
  name: 'analyse',
  async run(context) {
    const { film, providers } = context;
    context.progress(5);
    const analysed = await providers.analysis.analyse({
      script: context.script,
      title: film.title,
      language: film.options.language,
      style: film.options.style,
      signal: context.signal,
    });
    const scenes: SceneDescription[] = analysed
      .filter((scene) => /[\p{L}\p{N}]/u.test(scene.narration))
      .map((scene, index) => ({
        index,
        heading: scene.heading.trim(),
        narration: scene.narration.replace(/\s+/g, ' ').trim(),
        visual: scene.visual.trim(),
        mood: scene.mood,
        keywords: scene.keywords,
        estimatedDuration: Math.max(1.5, (countSpokenWords(scene.narration, film.options.language) / WORDS_PER_MINUTE) * 60 / film.options.speakingRate),
      }));
    if (scenes.length === 0) throw new Error(`analyse step found nothing to narrate in the script (provider ${providers.analysis.name})`);
    return { film: { ...film, scenes }, files: [], provider: providers.analysis.name };
  },
};
