import { z } from 'zod';
import { MOODS } from '@afs/contracts';
import type { AnalysedScene } from './analysis-provider';

/**
 * The JSON schema remote analysers must answer with. Written to OpenAI's strict rules (every
 * property required, additionalProperties false everywhere) so it works there and on lenient
 * self-hosted servers alike.
 */
export const SCENES_JSON_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['scenes'],
  properties: {
    scenes: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['heading', 'narration', 'visual', 'mood', 'keywords'],
        properties: {
          heading: { type: 'string', description: 'Short scene heading, e.g. INT. KITCHEN - NIGHT or a short title.' },
          narration: { type: 'string', description: 'The words the narrator speaks for this scene, taken from the script.' },
          visual: { type: 'string', description: 'What the single illustration of this scene shows.' },
          mood: { type: 'string', enum: [...MOODS] },
          keywords: { type: 'array', items: { type: 'string' }, description: 'Up to six visual keywords.' },
        },
      },
    },
  },
} as const;

const answerSchema = z.object({
  scenes: z
    .array(
      z.object({
        heading: z.string(),
        narration: z.string().refine((s) => /[\p{L}\p{N}]/u.test(s), 'narration has no words'),
        visual: z.string(),
        mood: z.enum(MOODS),
        keywords: z.array(z.string()).max(12),
      }),
    )
    .min(1, 'no scenes'),
});

export const ANALYSIS_SYSTEM_PROMPT = [
  'You split a film script into scenes for a narrated storyboard film.',
  'Keep the script\'s own words as the narration, in the script\'s language; put dialogue as "Name: “line”".',
  'One scene per location or moment, usually 30 to 90 words of narration each.',
  'Describe one illustration per scene in "visual", pick the mood from the allowed values, and list visual keywords.',
].join(' ');

export function analysisUserPrompt(title: string, language: string, style: string, script: string): string {
  return `Title: ${title}\nLanguage: ${language}\nVisual style: ${style}\n\nScript:\n${script}`;
}

/** Parses and checks a remote answer; throws a plain Error with what was wrong (the caller names step and provider). */
export function parseScenesAnswer(answer: unknown): AnalysedScene[] {
  let value = answer;
  if (typeof answer === 'string') {
    try {
      value = JSON.parse(answer);
    } catch {
      throw new Error(`answer is not JSON: ${JSON.stringify(answer.slice(0, 120))}`);
    }
  }
  const parsed = answerSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`answer does not match the scene schema at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data.scenes.map((s) => ({ ...s, keywords: s.keywords.slice(0, 6) }));
}
