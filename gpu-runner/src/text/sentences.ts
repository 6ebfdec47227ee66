// Intl.Segmenter knows sentence and word boundaries for scripts without spaces (Japanese, Chinese)
// and right-to-left ones, which a regex over ". ! ?" does not.

const SPEAKABLE = /[\p{L}\p{N}]/u;

export function splitSentences(text: string, language: string): string[] {
  const segmenter = new Intl.Segmenter(language, { granularity: 'sentence' });
  const sentences: string[] = [];
  for (const { segment } of segmenter.segment(text.replace(/\s+/g, ' ').trim())) {
    const sentence = segment.trim();
    if (sentence === '') continue;
    // Fragments with nothing to say (a stray "—" or emoji) ride along with the sentence before them.
    if (!SPEAKABLE.test(sentence) && sentences.length > 0) sentences[sentences.length - 1] += ` ${sentence}`;
    else sentences.push(sentence);
  }
  return sentences.filter((s) => SPEAKABLE.test(s));
}

export function words(text: string, language: string): string[] {
  const segmenter = new Intl.Segmenter(language, { granularity: 'word' });
  return [...segmenter.segment(text)].filter((s) => s.isWordLike).map((s) => s.segment);
}

/** Words for pacing estimates; CJK text segments into short words, so count characters there instead. */
export function countSpokenWords(text: string, language: string): number {
  const cjk = (text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu) ?? []).length;
  const rest = words(text.replace(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu, ' '), language).length;
  return rest + Math.ceil(cjk / 2.5);
}
