// Cue text is the script's own words, but ffmpeg reads an SRT cue as markup: its SRT decoder turns
// <b>, <i>, <u>, <s> and <font> into styling and deletes {\...} and {Y:...} groups, then libass (burned)
// or the mov_text encoder (soft) reads the result as ASS, where \N, \n and \h break lines or space and
// {...} is an override block: "C:\new\hope" was drawn as "C: ew ope". A word joiner (U+2060,
// invisible) after each character that opens markup keeps every character on screen as written.
// The counter and timing lines of an SRT hold none of these characters, so the whole file is escaped.
const WORD_JOINER = '\u2060';

/** SRT whose text libass draws as written (burned subtitles); libass reads \{ and \} as braces. */
export function srtForLibass(srt: string): string {
  return srt
    .replace(/\\/g, `\\${WORD_JOINER}`)
    .replace(/\{/g, `\\{${WORD_JOINER}`)
    .replace(/\}/g, '\\}')
    .replace(/</g, `<${WORD_JOINER}`);
}

/** SRT whose text the mov_text encoder stores as written (soft subtitles); it knows no \{ escape. */
export function srtForMovText(srt: string): string {
  return srt
    .replace(/\\/g, `\\${WORD_JOINER}`)
    .replace(/\{/g, `{${WORD_JOINER}`)
    .replace(/</g, `<${WORD_JOINER}`);
}
