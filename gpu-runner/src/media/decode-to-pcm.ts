import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { runFfmpeg } from './run-ffmpeg';
import { parseWav, type Pcm } from './wav';

export const NARRATION_SAMPLE_RATE = 22050;

/** Any audio ffmpeg reads, as 16-bit mono PCM at the narration rate; WAVs already in that shape skip ffmpeg. */
export async function decodeToPcm(audio: Buffer, scratchDir: string, options: { ffmpegPath?: string; signal?: AbortSignal } = {}): Promise<Pcm> {
  try {
    const pcm = parseWav(audio);
    if (pcm.sampleRate === NARRATION_SAMPLE_RATE) return pcm;
  } catch {
    // Not a plain 16-bit mono WAV: let ffmpeg decode it.
  }
  const id = randomUUID();
  const source = join(scratchDir, `${id}.audio`);
  const target = join(scratchDir, `${id}.wav`);
  await writeFile(source, audio);
  try {
    await runFfmpeg({
      inputs: [{ path: source }],
      outputOptions: ['-y', '-vn', '-ac', '1', '-ar', String(NARRATION_SAMPLE_RATE), '-c:a', 'pcm_s16le', '-f', 'wav'],
      output: target,
      ffmpegPath: options.ffmpegPath,
      signal: options.signal,
    });
    return parseWav(await readFile(target));
  } finally {
    await Promise.all([rm(source, { force: true }), rm(target, { force: true })]);
  }
}
