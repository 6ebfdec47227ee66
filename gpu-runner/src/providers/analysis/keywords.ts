const STOPWORDS = new Set(
  'a about above after again against all also an and any are as at be because been before being below between both but by can could did do does doing down during each few for from further had has have having he her here hers herself him himself his how i if in into is it its itself just like me more most my myself no nor not now of off on once only or other our ours out over own same she should so some such than that the their theirs them themselves then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your yours yourself says said into onto upon toward towards int ext day night continuous later moment'.split(' '),
);

/** The most frequent content words, first-seen order breaking ties; they steer the storyboard's motifs. */
export function extractKeywords(text: string, limit = 6): string[] {
  const counts = new Map<string, number>();
  for (const token of text.toLowerCase().match(/\p{L}[\p{L}'-]*/gu) ?? []) {
    const word = token.replace(/'s$/, '');
    if (word.length < 3 || STOPWORDS.has(word)) continue;
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([word]) => word);
}
