import { splitSentences } from './sentences';

describe('splitSentences', () => {
  it('does not end a sentence at a title before a name', () => {
    // ICU's segmenter (Node's Intl.Segmenter has no abbreviation suppressions) breaks after "Mr.":
    // the voice then paused mid-sentence and "Mr." flashed up as a subtitle of its own.
    expect(splitSentences('Mr. Smith met Dr. Jones and Mrs. Brown on St. Mark’s Square. They talked.', 'en')).toEqual([
      'Mr. Smith met Dr. Jones and Mrs. Brown on St. Mark’s Square.',
      'They talked.',
    ]);
    expect(splitSentences('Prof. Lee and Capt. Hardy left. Then it rained.', 'en-GB')).toEqual(['Prof. Lee and Capt. Hardy left.', 'Then it rained.']);
  });

  it('reads titles in capitals, and ends the sentence at a title followed by a new sentence', () => {
    expect(splitSentences('DR. JONES enters. MRS. BROWN waits.', 'en')).toEqual(['DR. JONES enters.', 'MRS. BROWN waits.']);
    expect(splitSentences('He lived on Baker St. The house was old.', 'en')).toEqual(['He lived on Baker St.', 'The house was old.']);
    expect(splitSentences('She called the Dr. He did not answer.', 'en')).toEqual(['She called the Dr.', 'He did not answer.']);
    expect(splitSentences('Dr. Anderson smiled.', 'en')).toEqual(['Dr. Anderson smiled.']);
  });

  it('leaves lower-case words and other languages alone', () => {
    expect(splitSentences('He called the sales rep. Nobody answered.', 'en')).toEqual(['He called the sales rep.', 'Nobody answered.']);
    expect(splitSentences('Thanks, hon. Let us go.', 'en-US')).toEqual(['Thanks, hon.', 'Let us go.']);
    expect(splitSentences('Jag vet det. Hon kom sent.', 'sv')).toEqual(['Jag vet det.', 'Hon kom sent.']);
    expect(splitSentences('Jeg ved det. Hun kom sent.', 'da')).toEqual(['Jeg ved det.', 'Hun kom sent.']);
  });

  it('still ends sentences at ordinary words and keeps scripts without spaces apart', () => {
    expect(splitSentences('She saw the doctor. He waved. It was 5 p.m. Then dark.', 'en')).toHaveLength(4);
    expect(splitSentences('夜の海は静かだった。月が波を照らしていた。', 'ja')).toEqual(['夜の海は静かだった。', '月が波を照らしていた。']);
  });
});
