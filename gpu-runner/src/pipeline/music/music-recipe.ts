import type { Mood } from '@afs/contracts';

export interface Recipe {
  /** Partials in Hz with their amplitudes. */
  chord: [number, number][];
  /** Tremolo rate in Hz and depth 0..1: slow for calm, pulsing for tense. */
  pulse: [number, number];
  /** Filtered noise level for texture, 0 for none. */
  noise: number;
}

const RECIPES: Record<Mood, Recipe> = {
  calm: { chord: [[220, 0.3], [277.18, 0.2], [329.63, 0.2], [493.88, 0.08]], pulse: [0.15, 0.35], noise: 0 },
  joyful: { chord: [[261.63, 0.3], [329.63, 0.22], [392, 0.2], [523.25, 0.1]], pulse: [2, 0.3], noise: 0 },
  tense: { chord: [[73.42, 0.35], [110, 0.25], [155.56, 0.15], [146.83, 0.1]], pulse: [1.6, 0.7], noise: 0.05 },
  sad: { chord: [[220, 0.3], [261.63, 0.22], [329.63, 0.18]], pulse: [0.1, 0.25], noise: 0 },
  mysterious: { chord: [[123.47, 0.3], [146.83, 0.2], [174.61, 0.2], [369.99, 0.05]], pulse: [0.3, 0.5], noise: 0.06 },
  epic: { chord: [[73.42, 0.35], [110, 0.3], [146.83, 0.25], [220, 0.15], [293.66, 0.08]], pulse: [0.5, 0.3], noise: 0.02 },
};

export function moodRecipe(mood: Mood): Readonly<Recipe> {
  return RECIPES[mood];
}
