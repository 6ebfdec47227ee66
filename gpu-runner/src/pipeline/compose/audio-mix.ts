/** YouTube and most players normalise to about -14 LUFS; a film mastered there plays unchanged. */
export const TARGET_LUFS = -14;
/** About -1.5 dBFS: headroom for AAC encoding overshoot. */
const LIMIT = 0.84;
/**
 * Both sources are mono speech and a soft pad with nothing above 12 kHz (espeak-ng speaks at 22 kHz,
 * OpenAI at 24 kHz, the music is made at 24 kHz): mixing and encoding at 24 kHz loses nothing and
 * halves the AAC encoder's work (48 kHz cost 0.6 CPU-s per 50 s of film, 24 kHz 0.35).
 */
const MIX_RATE = 24000;

/**
 * Narration levelled by a compressor (espeak's peaks would otherwise stop the gain short of the
 * target) and a music bed ducked under it (sidechaincompress keyed by the voice). Output [mix], mono.
 */
export function premixFilter(options: { music: boolean; musicLevel: number }): string {
  const voice = `[0:a]aresample=${MIX_RATE},aformat=channel_layouts=mono,acompressor=threshold=0.1:ratio=4:attack=5:release=120:makeup=2`;
  const measure = 'ebur128=framelog=verbose[mix]';
  if (!options.music || options.musicLevel <= 0) return `${voice},${measure}`;
  return [
    `${voice},asplit=2[voice][key]`,
    `[1:a]aresample=${MIX_RATE},aformat=channel_layouts=mono,volume=${options.musicLevel.toFixed(3)}[bed]`,
    '[bed][key]sidechaincompress=threshold=0.02:ratio=10:attack=20:release=400:makeup=1[ducked]',
    `[voice][ducked]amix=inputs=2:duration=first:normalize=0,${measure}`,
  ].join(';');
}

/** Gain and a peak limiter over the premix; with `measure`, ebur128 reports the result's loudness. */
export function masterFilter(gainDb: number, measure: boolean): string {
  const chain = `volume=${gainDb.toFixed(2)}dB,alimiter=limit=${LIMIT}:attack=5:release=50:level=false`;
  return measure ? `${chain},ebur128=framelog=verbose` : chain;
}

/** Integrated loudness from the summary the ebur128 filter logs at the end. */
export function parseIntegratedLoudness(log: string): number | undefined {
  const summary = log.slice(log.lastIndexOf('Summary:'));
  const match = /I:\s+(-?[\d.]+|-inf) LUFS/.exec(summary);
  if (!match || match[1] === '-inf') return undefined;
  const value = Number(match[1]);
  // ebur128 reports 0.0 or -70 for silence or too little audio to gate; no gain can fix that.
  return Number.isFinite(value) && value < -1 && value > -69 ? value : undefined;
}
