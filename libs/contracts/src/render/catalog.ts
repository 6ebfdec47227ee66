/**
 * Languages and voices offered to clients (GET /catalog). The local voice (espeak-ng) speaks all of
 * these languages; `default` lets the runner's voice provider pick the voice for the language.
 */
export const CATALOG_LANGUAGES = [
  { tag: 'en', name: 'English' },
  { tag: 'en-GB', name: 'English (UK)' },
  { tag: 'en-US', name: 'English (US)' },
  { tag: 'es', name: 'Spanish' },
  { tag: 'fr', name: 'French' },
  { tag: 'de', name: 'German' },
  { tag: 'it', name: 'Italian' },
  { tag: 'pt', name: 'Portuguese' },
  { tag: 'pt-BR', name: 'Portuguese (Brazil)' },
  { tag: 'nl', name: 'Dutch' },
  { tag: 'sv', name: 'Swedish' },
  { tag: 'pl', name: 'Polish' },
  { tag: 'ru', name: 'Russian' },
  { tag: 'uk', name: 'Ukrainian' },
  { tag: 'tr', name: 'Turkish' },
  { tag: 'ar', name: 'Arabic' },
  { tag: 'hi', name: 'Hindi' },
  { tag: 'ja', name: 'Japanese' },
  { tag: 'zh', name: 'Chinese (Mandarin)' },
  { tag: 'ko', name: 'Korean' },
  { tag: 'id', name: 'Indonesian' },
  { tag: 'vi', name: 'Vietnamese' },
] as const;

export const CATALOG_VOICES = [
  { id: 'default', provider: 'any', description: "The voice provider's voice for the script's language." },
  ...['alloy', 'echo', 'fable', 'onyx', 'nova', 'shimmer'].map((id) => ({
    id,
    provider: 'openai',
    description: `OpenAI speech voice "${id}" (when the runner uses VOICE_PROVIDER=openai).`,
  })),
] as const;
