/** A spoken word and when it is heard, in seconds from the start of the audio sent. */
export interface TimedWord {
  text: string;
  start: number;
  end: number;
}

export interface TranscriptionRequest {
  /** Audio in a format the provider reads; the subtitles step sends 16-bit mono WAV. */
  audio: Buffer;
  fileName: string;
  /** BCP 47 tag of the script, e.g. `en-GB`. */
  language: string;
  signal?: AbortSignal;
}

export interface TranscriptionProvider {
  readonly name: string;
  /** Largest audio file one request may carry (OpenAI refuses more than 25 MB). */
  readonly maxAudioBytes: number;
  /** The words heard, in order; estimated from segment times when the provider gives no word times. */
  transcribe(request: TranscriptionRequest): Promise<TimedWord[]>;
}
