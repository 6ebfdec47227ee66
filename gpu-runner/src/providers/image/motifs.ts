// Keyword stems to the motifs the storyboard can draw. English only; other languages get a seeded pick.
export const MOTIF_WORDS = {
  sun: ['sun', 'day', 'morning', 'dawn', 'noon', 'summer', 'bright', 'light'],
  moon: ['moon', 'night', 'midnight', 'evening', 'dark', 'dusk'],
  stars: ['star', 'galax', 'space', 'planet', 'universe', 'cosmos'],
  mountains: ['mountain', 'hill', 'peak', 'summit', 'volcano', 'valley', 'cliff', 'glacier'],
  sea: ['sea', 'ocean', 'wave', 'beach', 'shore', 'harbo', 'boat', 'ship', 'river', 'lake', 'water', 'island', 'coast', 'reef', 'fish'],
  city: ['city', 'street', 'building', 'tower', 'town', 'office', 'car', 'road', 'station', 'train', 'factory', 'market', 'shop', 'alley', 'traffic'],
  forest: ['forest', 'tree', 'wood', 'garden', 'park', 'leaf', 'leaves', 'jungle', 'field', 'flower', 'grass', 'orchard', 'bee', 'bird'],
  desert: ['desert', 'sand', 'dune', 'drought'],
  interior: ['room', 'kitchen', 'house', 'home', 'bedroom', 'cafe', 'bar', 'apartment', 'hall', 'library', 'lab', 'window', 'table', 'desk'],
  rain: ['rain', 'storm', 'wet', 'thunder', 'umbrella'],
  snow: ['snow', 'winter', 'ice', 'frost', 'frozen'],
  fog: ['fog', 'mist', 'smoke', 'haze'],
  fire: ['fire', 'flame', 'candle', 'burn', 'lantern', 'torch', 'lamp'],
  people: ['man', 'woman', 'girl', 'boy', 'child', 'people', 'crowd', 'friend', 'mother', 'father', 'stranger', 'she', 'he', 'they', 'detective', 'soldier', 'worker'],
} as const;

export type Motif = keyof typeof MOTIF_WORDS;
export const LANDSCAPES = ['mountains', 'sea', 'city', 'forest', 'desert'] as const satisfies readonly Motif[];

export function motifsIn(text: string): Set<Motif> {
  const tokens = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  const found = new Set<Motif>();
  for (const [motif, stems] of Object.entries(MOTIF_WORDS) as [Motif, readonly string[]][]) {
    if (tokens.some((t) => stems.some((stem) => (stem.length <= 3 ? t === stem : t.startsWith(stem))))) found.add(motif);
  }
  return found;
}
