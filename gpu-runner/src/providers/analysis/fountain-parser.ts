// A Fountain (https://fountain.io) reader for what narration needs: scene headings, action, and
// dialogue with its speaker. Transitions, notes, boneyard, sections and synopses are dropped.

export interface FountainScene {
  heading: string;
  /** Action paragraphs and dialogue in script order. */
  lines: { speaker?: string; text: string }[];
}

export interface FountainDocument {
  title?: string;
  scenes: FountainScene[];
}

const HEADING = /^(?:\.(?!\.)\s*(.+)|((?:INT|EXT|EST|INT\.?\/EXT|I\/E)[. ].*))$/i;
const TRANSITION = /^(?:[A-Z\s]+TO:|>\s*[^<]*)$/;
const CHARACTER = /^(?:@(.+)|([\p{Lu}][\p{Lu}\p{N} ._'-]*?))\s*(\(.*\))?\s*\^?$/u;
const TITLE_KEY = /^(title|credit|author|authors|source|draft date|date|contact|notes|copyright):/i;

export function looksLikeFountain(script: string): boolean {
  const lines = script.split(/\r?\n/).map((l) => l.trim());
  return lines.some((l) => HEADING.test(l) && (/^\./.test(l) || l === l.toUpperCase())) || TITLE_KEY.test(lines[0] ?? '');
}

function stripNonPrinting(script: string): string {
  return script
    // A byte order mark (Windows editors write one) would hide the title page's first key.
    .replace(/^\uFEFF/, '')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\[\[[\s\S]*?\]\]/g, '')
    .replace(/\r\n?/g, '\n');
}

function readTitlePage(lines: string[]): { title?: string; rest: string[] } {
  if (!TITLE_KEY.test(lines[0] ?? '')) return { rest: lines };
  const end = lines.findIndex((l) => l.trim() === '');
  const page = end === -1 ? lines : lines.slice(0, end);
  const titleLine = page.findIndex((l) => /^title:/i.test(l));
  let title: string | undefined;
  if (titleLine !== -1) {
    const inline = page[titleLine].replace(/^title:/i, '').trim();
    const continued = page.slice(titleLine + 1).filter((l) => /^\s+/.test(l)).map((l) => l.trim());
    title = (inline || continued.join(' ')).replace(/[_*]/g, '').trim() || undefined;
  }
  return { title, rest: end === -1 ? [] : lines.slice(end + 1) };
}

/**
 * Text without Fountain's emphasis marks (*italic*, **bold**, _underline_) and centring marks. A
 * backslash makes a mark literal (\*, \_): those characters are set aside while the marks go, then
 * put back without their backslash, so "5 \* 3" is narrated as "5 * 3".
 */
function cleanEmphasis(text: string): string {
  const literal: string[] = [];
  const kept = text.replace(/\\([*_])/g, (_, mark: string) => `\uE000${literal.push(mark) - 1}\uE001`);
  return kept
    .replace(/(\*{1,3}|_)(.+?)\1/g, '$2')
    .replace(/^[>!~]\s*|\s*<$/g, '')
    .replace(/\uE000(\d+)\uE001/g, (found, index: string) => literal[Number(index)] ?? found)
    .trim();
}

export function parseFountain(script: string): FountainDocument {
  const { title, rest } = readTitlePage(stripNonPrinting(script).split('\n'));
  const blocks: string[][] = [];
  let block: string[] = [];
  for (const raw of rest) {
    if (raw.trim() === '' && raw.length < 2) {
      if (block.length) blocks.push(block);
      block = [];
    } else block.push(raw.trim());
  }
  if (block.length) blocks.push(block);

  const scenes: FountainScene[] = [];
  const current = (): FountainScene => {
    if (scenes.length === 0) scenes.push({ heading: '', lines: [] });
    return scenes[scenes.length - 1];
  };
  for (const lines of blocks) {
    const first = lines[0];
    const heading = HEADING.exec(first);
    if (lines.length === 1 && heading && (first.startsWith('.') || first === first.toUpperCase())) {
      scenes.push({ heading: (heading[1] ?? heading[2]).replace(/\s*#.*#\s*$/, '').trim(), lines: [] });
      continue;
    }
    if (/^(#|=|===)/.test(first) || (lines.length === 1 && TRANSITION.test(first) && !/<$/.test(first))) continue;
    const cue = CHARACTER.exec(first);
    const isCue = lines.length > 1 && cue && (first.startsWith('@') || first === first.toUpperCase()) && /\p{L}/u.test(first);
    if (isCue) {
      const speaker = (cue[1] ?? cue[2]).trim();
      const spoken = lines
        .slice(1)
        .filter((l) => !/^\(.*\)$/.test(l))
        .map(cleanEmphasis)
        .join(' ')
        .trim();
      if (spoken) current().lines.push({ speaker: speaker.charAt(0) + speaker.slice(1).toLowerCase(), text: spoken });
      continue;
    }
    const action = lines.map((l) => cleanEmphasis(l.replace(/^!/, ''))).join(' ').trim();
    if (action) current().lines.push({ text: action });
  }
  return { title, scenes: scenes.filter((s) => s.lines.length > 0) };
}
