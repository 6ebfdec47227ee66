export interface SpeechRequest {
  text: string;
  /** Provider voice name, or `default` for the provider's choice for the language. */
  voice: string;
  /** 1 is the provider's natural pace. */
  rate: number;
  language: string;
  signal?: AbortSignal;
}

export interface VoiceProvider {
  readonly name: string;
  /** Longest text one request may carry; the voice step splits longer sentences at word boundaries. */
  readonly maxInputChars: number;
  /** Audio for the text in any format ffmpeg reads (WAV, MP3...); the voice step normalises it. */
  synthesize(request: SpeechRequest): Promise<Buffer>;
  /** Non-fatal notes for the user, e.g. a language the voice does not know. */
  notes?(): string[];
}
