import type Anthropic from '@anthropic-ai/sdk';
import { callProvider } from '../provider-error';
import type { AnalysedScene, AnalysisProvider, AnalysisRequest } from './analysis-provider';
import { ANALYSIS_SYSTEM_PROMPT, SCENES_JSON_SCHEMA, analysisUserPrompt, parseScenesAnswer } from './scene-schema';

const TOOL_NAME = 'submit_scenes';

/** Anthropic Messages with one forced tool, the reliable way to get JSON matching a schema from Claude. */
export class AnthropicScriptAnalyser implements AnalysisProvider {
  readonly name = 'anthropic';

  constructor(
    private readonly client: Anthropic,
    private readonly model: string,
    private readonly timeoutMs?: number,
  ) {}

  analyse(request: AnalysisRequest): Promise<AnalysedScene[]> {
    return callProvider('analyse', this.name, request.signal, async () => {
      const message = await this.client.messages.create(
        {
          model: this.model,
          max_tokens: 8192,
          system: ANALYSIS_SYSTEM_PROMPT,
          messages: [{ role: 'user', content: analysisUserPrompt(request.title, request.language, request.style, request.script) }],
          tools: [
            {
              name: TOOL_NAME,
              description: 'Submit the scenes of the film.',
              input_schema: SCENES_JSON_SCHEMA as unknown as Anthropic.Tool.InputSchema,
            },
          ],
          tool_choice: { type: 'tool', name: TOOL_NAME },
        },
        { signal: request.signal },
      );
      const toolUse = (message.content ?? []).find((block) => block.type === 'tool_use' && block.name === TOOL_NAME);
      if (!toolUse || toolUse.type !== 'tool_use') throw new Error(`answer has no ${TOOL_NAME} tool call (stop reason ${message.stop_reason})`);
      return parseScenesAnswer(toolUse.input);
    }, this.timeoutMs);
  }
}
