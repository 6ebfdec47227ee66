import type { FilmDescription, RenderStep } from '@afs/contracts';
import type { JobManifest, JobStore } from './job-store';

/** Storage keys of the files a render leaves for its owner, from every step its job holds. */
export interface RenderOutputs {
  film?: string;
  subtitlesSrt?: string;
  subtitlesVtt?: string;
  thumbnail?: string;
  scenes: string;
  /** Each scene's still, in scene order. */
  images?: { sceneIndex: number; key: string }[];
  narration?: string;
  /** Absent when the film has no music. */
  music?: string;
}

/**
 * What the job leaves its owner. The film and its companions (subtitles, thumbnail, scenes.json)
 * whenever the job holds them, even when copied from a base job, so a re-composed film comes with
 * its subtitles. The material a film is made of (stills, narration, music) only from the steps the
 * job was asked for: an image_generation job hands over its stills, a voice_synthesis job its
 * narration, a full film everything, and a thumbnail job does not list copies of the stills it drew on.
 */
export function collectOutputs(
  store: JobStore,
  manifest: JobManifest,
  film: FilmDescription,
  scenes: string,
  requested: readonly RenderStep[],
): RenderOutputs {
  const { steps } = manifest;
  const own = (step: RenderStep) => Boolean(steps[step]) && requested.includes(step);
  const outputs: RenderOutputs = { scenes };
  if (steps.compose) outputs.film = store.key('compose', 'film.mp4');
  if (steps.subtitles) {
    outputs.subtitlesSrt = store.key('subtitles', 'subtitles.srt');
    outputs.subtitlesVtt = store.key('subtitles', 'subtitles.vtt');
  }
  if (steps.thumbnail) outputs.thumbnail = store.key('thumbnail', 'thumbnail.jpg');
  if (own('images')) {
    outputs.images = film.scenes.flatMap((scene) => (scene.image ? [{ sceneIndex: scene.index, key: scene.image }] : []));
  }
  if (own('voice')) outputs.narration = store.key('voice', 'narration.wav');
  if (own('music') && steps.music?.files.includes('music.wav')) outputs.music = store.key('music', 'music.wav');
  return outputs;
}
