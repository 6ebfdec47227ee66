import { parseFountain, looksLikeFountain } from './fountain-parser';
import { extractKeywords } from './keywords';
import { moodOf } from './mood-lexicon';
import { countSpokenWords, splitSentences } from '../../text/sentences';
import type { AnalysedScene, AnalysisProvider, AnalysisRequest } from './analysis-provider';

/** A paragraph of 30 words or more (about 12 seconds) is a scene; shorter ones join the next. */
const SCENE_TARGET_WORDS = 30;
const SCENE_MAX_WORDS = 80;
const SCENE_BREAK = /^(?:\*{3,}|-{3,}|#{1,6}\s.*|(?:chapter|part|scene)\s+[\p{N}\p{L}]+.*)$/iu;

function shorten(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.!?-]+$/, '')}…`;
}

function describeVisual(heading: string, narration: string, keywords: string[], language: string): string {
  const first = splitSentences(narration, language)[0] ?? narration;
  const subject = keywords.length ? ` Featuring ${keywords.slice(0, 4).join(', ')}.` : '';
  return `${heading ? `${heading}. ` : ''}${shorten(first, 160)}${subject}`;
}

function toScene(heading: string, narration: string, language: string): AnalysedScene {
  const keywords = extractKeywords(`${heading} ${narration}`);
  return {
    heading,
    narration,
    visual: describeVisual(heading, narration, keywords, language),
    mood: moodOf(`${heading} ${narration}`),
    keywords,
  };
}

/** Groups prose paragraphs into scenes of about SCENE_TARGET_WORDS, breaking at explicit markers. */
function proseScenes(script: string, language: string): { heading: string; narration: string }[] {
  const groups: { heading: string; parts: string[]; words: number }[] = [];
  let open: { heading: string; parts: string[]; words: number } | undefined;
  const close = () => {
    if (open && open.parts.length) groups.push(open);
    open = undefined;
  };
  for (const paragraph of script.split(/\n\s*\n/).map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean)) {
    if (SCENE_BREAK.test(paragraph) && paragraph.length < 80) {
      close();
      const named = paragraph.replace(/^[#*\-\s]+/, '').trim();
      open = { heading: named, parts: [], words: 0 };
      continue;
    }
    for (const sentence of splitSentences(paragraph, language)) {
      const count = countSpokenWords(sentence, language);
      if (open && open.words > 0 && open.words + count > SCENE_MAX_WORDS) close();
      open ??= { heading: '', parts: [], words: 0 };
      open.parts.push(sentence);
      open.words += count;
    }
    if (open && open.words >= SCENE_TARGET_WORDS) close();
  }
  close();
  return groups.map((g) => {
    const narration = g.parts.join(' ');
    return { heading: g.heading || shorten(splitSentences(narration, language)[0] ?? narration, 48), narration };
  });
}

function fountainScenes(script: string): { heading: string; narration: string }[] {
  return parseFountain(script).scenes.map((scene) => ({
    heading: scene.heading,
    // A speaker's name before the line keeps dialogue apart from narration for the ear and the subtitles.
    narration: scene.lines
      .map((line) => {
        if (!line.speaker) return line.text;
        const spoken = /[.!?。！？"]$/.test(line.text) ? line.text : `${line.text}.`;
        return `${line.speaker}: “${spoken}”`;
      })
      .join(' '),
  }));
}

/** Rule-based analysis: no network, deterministic, good enough for a storyboard film. */
export class LocalScriptAnalyser implements AnalysisProvider {
  readonly name = 'local';

  async analyse(request: AnalysisRequest): Promise<AnalysedScene[]> {
    const raw = looksLikeFountain(request.script) ? fountainScenes(request.script) : proseScenes(request.script, request.language);
    return raw.filter((s) => /[\p{L}\p{N}]/u.test(s.narration)).map((s) => toScene(s.heading, s.narration, request.language));
  }
}

export function fountainTitle(script: string): string | undefined {
  return looksLikeFountain(script) ? parseFountain(script).title : undefined;
}
