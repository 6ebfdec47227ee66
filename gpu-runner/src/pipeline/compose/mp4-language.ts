// An MP4 track names its language in ISO 639-2/T (three letters, mdhd box). ffmpeg cannot store a
// two-letter code there and drops it without a word, so players list the track as unknown.
const ISO_639_2T: Record<string, string> = {
  af: 'afr', am: 'amh', ar: 'ara', bg: 'bul', bn: 'ben', ca: 'cat', cs: 'ces', cy: 'cym', da: 'dan', de: 'deu',
  el: 'ell', en: 'eng', es: 'spa', et: 'est', eu: 'eus', fa: 'fas', fi: 'fin', fr: 'fra', ga: 'gle', gl: 'glg',
  gu: 'guj', he: 'heb', hi: 'hin', hr: 'hrv', hu: 'hun', hy: 'hye', id: 'ind', is: 'isl', it: 'ita', ja: 'jpn',
  ka: 'kat', kk: 'kaz', km: 'khm', kn: 'kan', ko: 'kor', lt: 'lit', lv: 'lav', mk: 'mkd', ml: 'mal', mn: 'mon',
  mr: 'mar', ms: 'msa', my: 'mya', nb: 'nob', ne: 'nep', nl: 'nld', nn: 'nno', no: 'nor', pa: 'pan', pl: 'pol',
  pt: 'por', ro: 'ron', ru: 'rus', si: 'sin', sk: 'slk', sl: 'slv', sq: 'sqi', sr: 'srp', sv: 'swe', sw: 'swa',
  ta: 'tam', te: 'tel', th: 'tha', tl: 'tgl', tr: 'tur', uk: 'ukr', ur: 'urd', uz: 'uzb', vi: 'vie', zh: 'zho',
  zu: 'zul',
};

/** The MP4 language code of a BCP 47 tag: `en-GB` -> `eng`, `ja` -> `jpn`; `und` when unknown. */
export function mp4Language(tag: string): string {
  const primary = tag.split('-')[0].toLowerCase();
  if (/^[a-z]{3}$/.test(primary)) return primary;
  return ISO_639_2T[primary] ?? 'und';
}
