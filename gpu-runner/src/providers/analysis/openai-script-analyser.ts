import type OpenAI from 'openai';
import { callProvider } from '../provider-error';
import type { AnalysedScene, AnalysisProvider, AnalysisRequest } from './analysis-provider';
import { ANALYSIS_SYSTEM_PROMPT, SCENES_JSON_SCHEMA, analysisUserPrompt, parseScenesAnswer } from './scene-schema';

/** Chat completions with a strict JSON schema; serves OpenAI and compatible servers (vLLM, LocalAI). */
export class OpenAIScriptAnalyser implements AnalysisProvider {
  readonly name = 'openai';

  constructor(
    private readonly client: OpenAI,
    private readonly model: string,
    private readonly timeoutMs?: number,
  ) {}

  analyse(request: AnalysisRequest): Promise<AnalysedScene[]> {
    return callProvider('analyse', this.name, request.signal, async () => {
      const completion = await this.client.chat.completions.create(
        {
          model: this.model,
          messages: [
            { role: 'system', content: ANALYSIS_SYSTEM_PROMPT },
            { role: 'user', content: analysisUserPrompt(request.title, request.language, request.style, request.script) },
          ],
          response_format: {
            type: 'json_schema',
            json_schema: { name: 'film_scenes', strict: true, schema: SCENES_JSON_SCHEMA as unknown as Record<string, unknown> },
          },
        },
        { signal: request.signal },
      );
      const choice = completion.choices?.[0];
      if (choice?.message?.refusal) throw new Error(`model refused: ${choice.message.refusal}`);
      const content = choice?.message?.content;
      if (typeof content !== 'string' || content.trim() === '') throw new Error('answer has no message content');
      return parseScenesAnswer(content);
    }, this.timeoutMs);
  }
}
