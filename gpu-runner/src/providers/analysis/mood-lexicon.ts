import type { Mood } from '@afs/contracts';

// Small English lexicon: enough to tell a storm from a picnic. Other languages fall back to calm.
const LEXICON: Record<Exclude<Mood, 'calm'>, string[]> = {
  joyful: ['laugh', 'smile', 'happy', 'joy', 'bright', 'sun', 'sunny', 'dance', 'celebrat', 'warm', 'love', 'play', 'cheer', 'festival', 'delight', 'sing', 'spring', 'bloom', 'friend', 'hope'],
  tense: ['run', 'chase', 'gun', 'fight', 'scream', 'danger', 'fear', 'storm', 'alarm', 'escape', 'attack', 'panic', 'urgent', 'siren', 'crash', 'threat', 'hunt', 'trap', 'blood', 'race', 'fire', 'shout'],
  sad: ['cry', 'tear', 'grief', 'loss', 'lost', 'alone', 'lonely', 'funeral', 'rain', 'goodbye', 'empty', 'cold', 'grey', 'gray', 'mourn', 'sorrow', 'miss', 'broken', 'die', 'death', 'dead', 'wither'],
  mysterious: ['shadow', 'fog', 'mist', 'secret', 'strange', 'whisper', 'unknown', 'dark', 'night', 'moon', 'hidden', 'door', 'key', 'ghost', 'silent', 'silence', 'mystery', 'clue', 'cave', 'letter'],
  epic: ['mountain', 'vast', 'army', 'kingdom', 'legend', 'hero', 'ocean', 'empire', 'rise', 'summit', 'battle', 'glory', 'ancient', 'sky', 'horizon', 'galaxy', 'star', 'million', 'century', 'journey', 'volcano'],
};

export function moodOf(text: string): Mood {
  const lower = text.toLowerCase();
  const tokens = lower.match(/\p{L}+/gu) ?? [];
  let best: Mood = 'calm';
  let bestScore = 0;
  for (const [mood, stems] of Object.entries(LEXICON) as [Mood, string[]][]) {
    let score = 0;
    for (const token of tokens) if (stems.some((stem) => token.startsWith(stem))) score += 1;
    if (score > bestScore) {
      best = mood;
      bestScore = score;
    }
  }
  return best;
}
