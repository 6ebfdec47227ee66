import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ModerationState } from './project-enums';
import { DEFAULT_MODERATION_WORDS } from './moderation-default-words';

/**
 * The configured word list. A word or phrase matches as a whole word, case-insensitively
 * ("rape" flags "rape" but not "grapes"); runs of spaces in a phrase match any whitespace.
 */
export class ModerationWordList {
  private readonly pattern: RegExp | null;

  constructor(readonly words: readonly string[]) {
    const alternatives = [...new Set(words.map((w) => w.trim().toLowerCase()).filter(Boolean))]
      .sort((a, b) => b.length - a.length)
      .map((w) => w.split(/\s+/).map(escapeRegExp).join('\\s+'));
    this.pattern = alternatives.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu') : null;
  }

  /** The file's list, or the built-in one. A configured file that cannot be read stops the start-up. */
  static load(file: string | undefined): ModerationWordList {
    if (!file) return new ModerationWordList(DEFAULT_MODERATION_WORDS);
    let text: string;
    try {
      text = readFileSync(resolve(process.cwd(), file), 'utf8');
    } catch (error) {
      throw new Error(`Invalid configuration: MODERATION_WORDS_FILE cannot be read (${(error as Error).message})`);
    }
    return new ModerationWordList(parseWordList(text));
  }

  /** The distinct listed words found in the texts, lower-cased, in order of appearance. */
  matches(...texts: string[]): string[] {
    if (!this.pattern) return [];
    const found = new Set<string>();
    for (const text of texts) {
      for (const match of text.matchAll(this.pattern)) found.add(match[0].toLowerCase().replace(/\s+/g, ' '));
    }
    return [...found];
  }
}

/** One entry per line; blank lines and `#` comments are ignored. */
export function parseWordList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter(Boolean);
}

export interface ModerationOutcome {
  moderationState: ModerationState;
  moderationReason: string | null;
}

export function flaggedReason(words: string[]): string {
  return `Held for review: the title or script contains ${words.map((w) => `"${w}"`).join(', ')}.`;
}

/**
 * The moderation state after a project's title or script was written (created or edited), or
 * undefined when it stays as it is. Flagged text always goes (back) to review, even after an
 * approval or a rejection; clean text clears an automatic hold but never a moderator's rejection
 * or approval.
 */
export function moderationAfterWrite(current: ModerationState, words: string[]): ModerationOutcome | undefined {
  if (words.length) return { moderationState: 'pending', moderationReason: flaggedReason(words) };
  if (current === 'pending') return { moderationState: 'none', moderationReason: null };
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
