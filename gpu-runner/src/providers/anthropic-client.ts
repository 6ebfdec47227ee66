import Anthropic from '@anthropic-ai/sdk';
import type { RunnerConfig } from '../config/runner-config';

// Explicit timeout and retries, as for every vendor SDK (defaults: 10 minutes, 2 retries).
export function createAnthropicClient(config: RunnerConfig): Anthropic {
  return new Anthropic({
    apiKey: config.ANTHROPIC_API_KEY,
    baseURL: config.ANTHROPIC_BASE_URL ?? 'https://api.anthropic.com',
    timeout: config.PROVIDER_TIMEOUT_MS,
    maxRetries: config.PROVIDER_MAX_RETRIES,
  });
}
