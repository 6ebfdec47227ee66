/**
 * The built-in moderation list (MODERATION_WORDS_FILE replaces it). Deliberately short and aimed at
 * content a film studio must not render without a human look: sexual content, sexual violence,
 * content involving minors, terrorism and extreme violence, self-harm instructions, hate. It
 * flags for review; it does not reject anything by itself.
 */
export const DEFAULT_MODERATION_WORDS: readonly string[] = [
  // sexual content
  'porn',
  'pornography',
  'pornographic',
  'hentai',
  'xxx',
  'nsfw',
  // sexual violence and minors
  'rape',
  'raped',
  'rapist',
  'molest',
  'molestation',
  'paedophile',
  'pedophile',
  'child abuse',
  'underage sex',
  // terrorism and extreme violence
  'beheading',
  'behead',
  'bomb making',
  'make a bomb',
  'terrorist attack',
  'mass shooting',
  'school shooting',
  'genocide',
  'snuff film',
  'torture porn',
  // self-harm
  'kill yourself',
  'how to commit suicide',
  'suicide method',
  // hate
  'white power',
  'ethnic cleansing',
  'heil hitler',
  'nazi propaganda',
];
