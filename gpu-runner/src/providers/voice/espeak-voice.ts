import { execFileSync } from 'node:child_process';
import { runProcess } from '../../media/run-process';
import { callProvider } from '../provider-error';
import type { SpeechRequest, VoiceProvider } from './voice-provider';

const BASE_WORDS_PER_MINUTE = 175;

/** espeak-ng from the system: fast (50 words in tens of milliseconds), offline, many languages. */
export class EspeakVoice implements VoiceProvider {
  readonly name = 'local';
  readonly maxInputChars = 10_000;
  private known?: Set<string>;
  private readonly fallbacks = new Set<string>();

  constructor(private readonly binary = 'espeak-ng') {}

  private knownVoices(): Set<string> {
    if (!this.known) {
      this.known = new Set();
      try {
        const listing = execFileSync(this.binary, ['--voices'], { encoding: 'utf8' });
        for (const line of listing.split('\n').slice(1)) {
          const columns = line.trim().split(/\s+/);
          // Columns: priority, language, age/gender, name, file, then "(other-language priority)" pairs.
          if (columns.length >= 5) {
            this.known.add(columns[1].toLowerCase());
            this.known.add(columns[4].toLowerCase());
            for (const other of line.matchAll(/\(([\w-]+) \d+\)/g)) this.known.add(other[1].toLowerCase());
          }
        }
      } catch {
        // An empty list makes every voice fall back to English; synthesis will report a missing binary.
      }
    }
    return this.known;
  }

  /** The requested voice, else the language, else its base language, else English (noted for the user). */
  resolveVoice(voice: string, language: string): string {
    if (voice !== 'default') return voice;
    const known = this.knownVoices();
    for (const candidate of [language.toLowerCase(), language.toLowerCase().split('-')[0]]) {
      if (known.has(candidate)) return candidate;
    }
    this.fallbacks.add(language);
    return 'en';
  }

  synthesize(request: SpeechRequest): Promise<Buffer> {
    return callProvider('voice', this.name, request.signal, () => {
      const wpm = Math.round(Math.min(450, Math.max(80, BASE_WORDS_PER_MINUTE * request.rate)));
      // Text goes in on stdin so a line starting with "-" is never read as an option.
      return runProcess(this.binary, ['-v', this.resolveVoice(request.voice, request.language), '-s', String(wpm), '--stdout'], {
        input: request.text,
        signal: request.signal,
      });
    });
  }

  notes(): string[] {
    return [...this.fallbacks].map((language) => `espeak-ng has no voice for language ${language}; narrated with the English voice`);
  }
}
