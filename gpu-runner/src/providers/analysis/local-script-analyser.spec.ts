import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFountain } from './fountain-parser';
import { fountainTitle, LocalScriptAnalyser } from './local-script-analyser';
import { moodOf } from './mood-lexicon';

const examples = join(__dirname, '../../../../examples');
const analyser = new LocalScriptAnalyser();
const request = (script: string, language = 'en') => ({ script, title: 't', language, style: 'cinematic' as const });

describe('parseFountain', () => {
  const doc = parseFountain(`Title: Night Shift
Author: Someone

INT. DINER - NIGHT

Rain streaks the window. JOE wipes the counter.

JOE
(quietly)
We're closed.

CUT TO:

EXT. PARKING LOT - CONTINUOUS

[[a note that must not be read]]
A car idles. /* boneyard */ Its lights go out.

.FLASHBACK

MARY (V.O.)
I knew he'd wait.
`);

  it('reads the title page', () => {
    expect(doc.title).toBe('Night Shift');
  });

  it('splits scenes at headings, including forced ones', () => {
    expect(doc.scenes.map((s) => s.heading)).toEqual(['INT. DINER - NIGHT', 'EXT. PARKING LOT - CONTINUOUS', 'FLASHBACK']);
  });

  it('keeps action and dialogue apart, drops parentheticals, transitions, notes and boneyard', () => {
    expect(doc.scenes[0].lines).toEqual([{ text: 'Rain streaks the window. JOE wipes the counter.' }, { speaker: 'Joe', text: "We're closed." }]);
    expect(doc.scenes[1].lines).toEqual([{ text: 'A car idles.  Its lights go out.' }]);
    expect(doc.scenes[2].lines).toEqual([{ speaker: 'Mary', text: "I knew he'd wait." }]);
  });
});

describe('LocalScriptAnalyser', () => {
  it('analyses the bundled Fountain example into its scenes with speakers in the narration', async () => {
    const script = readFileSync(join(examples, 'lighthouse-keeper.fountain'), 'utf8');
    const scenes = await analyser.analyse(request(script));
    expect(scenes).toHaveLength(7);
    expect(scenes[0].heading).toBe('EXT. ROCKY COAST - DAWN');
    expect(scenes[1].narration).toContain('Margaret: “Another quiet night.');
    expect(scenes[4].mood).toBe('tense');
    expect(scenes[0].keywords.length).toBeGreaterThan(0);
    expect(fountainTitle(script)).toBe('The Last Lighthouse Keeper');
  });

  it('groups prose paragraphs into scenes with headings from their first sentence', async () => {
    const script = readFileSync(join(examples, 'the-clockmakers-daughter.txt'), 'utf8');
    const scenes = await analyser.analyse(request(script));
    expect(scenes.length).toBeGreaterThanOrEqual(4);
    expect(scenes.length).toBeLessThanOrEqual(8);
    expect(scenes.map((s) => s.narration).join(' ')).toContain('the right time after all.');
    for (const scene of scenes) expect(scene.heading.length).toBeLessThanOrEqual(48);
  });

  it('breaks prose scenes at explicit markers', async () => {
    const scenes = await analyser.analyse(request('Chapter One\n\nShe woke early.\n\n***\n\nThe storm had passed.'));
    expect(scenes.map((s) => s.narration)).toEqual(['She woke early.', 'The storm had passed.']);
    expect(scenes[0].heading).toBe('Chapter One');
  });

  it('handles Japanese and Arabic prose without spaces or Latin letters', async () => {
    const ja = await analyser.analyse(request('夜の海は静かだった。月が波を照らしていた。', 'ja'));
    expect(ja).toHaveLength(1);
    expect(ja[0].narration).toBe('夜の海は静かだった。 月が波を照らしていた。');
    const ar = await analyser.analyse(request('كان البحر هادئا في الليل. أضاء القمر الأمواج.', 'ar'));
    expect(ar[0].narration).toContain('القمر');
  });

  it('reads the mood from the words', () => {
    expect(moodOf('They laugh and dance in the bright sun')).toBe('joyful');
    expect(moodOf('A scream, then the siren and the chase')).toBe('tense');
    expect(moodOf('The kitchen table')).toBe('calm');
  });
});
