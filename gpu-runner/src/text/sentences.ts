// Intl.Segmenter knows sentence and word boundaries for scripts without spaces (Japanese, Chinese)
// and right-to-left ones, which a regex over ". ! ?" does not.

const SPEAKABLE = /[\p{L}\p{N}]/u;
// Titles that stand before a name. ICU's segmenter can skip them (its "ss=standard" suppressions),
// but Node's Intl.Segmenter does not expose that, and breaks "Mr. Smith" into two sentences. English
// only, written as titles are (Dr.) or in capitals (DR., as Fountain introduces characters): other
// languages' ordinary words ("det" in Swedish) and lower-case words ("sales rep.") end sentences.
const TITLES = ['Mr', 'Mrs', 'Ms', 'Mx', 'Dr', 'Prof', 'St', 'Mt', 'Lt', 'Col', 'Gen', 'Capt', 'Cpt', 'Sgt', 'Rev', 'Hon', 'Gov', 'Sen', 'Rep', 'Pres', 'Supt', 'Insp', 'Det'];
const TITLE_BEFORE_NAME = new RegExp(`(?:^|\\s)(?:${[...TITLES, ...TITLES.map((t) => t.toUpperCase())].join('|')})\\.$`);
// What starts a new sentence rather than a name: after "Baker St." or "called the Dr." the title
// ended the sentence after all.
const SENTENCE_OPENER = /^(?:he|she|it|they|we|i|you|the|a|an|this|that|these|those|there|then|but|and|so|his|her|its|their|our|my|your|when|after|before|now|later|meanwhile)\b/i;

export function splitSentences(text: string, language: string): string[] {
  const segmenter = new Intl.Segmenter(language, { granularity: 'sentence' });
  const sentences: string[] = [];
  const titles = /^en\b/i.test(language);
  let pendingTitle = false;
  for (const { segment } of segmenter.segment(text.replace(/\s+/g, ' ').trim())) {
    const sentence = segment.trim();
    if (sentence === '') continue;
    if (pendingTitle && !SENTENCE_OPENER.test(sentence)) {
      sentences[sentences.length - 1] += ` ${sentence}`;
      pendingTitle = titles && TITLE_BEFORE_NAME.test(sentence);
      continue;
    }
    pendingTitle = titles && TITLE_BEFORE_NAME.test(sentence);
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
