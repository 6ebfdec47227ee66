import OpenAI from 'openai';
import type { RunnerConfig } from '../config/runner-config';

// Timeouts and retries are always set: the SDK defaults (10 minutes, 2 retries) would let a dead
// provider hold a render for half an hour. The SDK retries 429 and 5xx with backoff itself.
export function createOpenAIClient(config: RunnerConfig): OpenAI {
  return new OpenAI({
    // Self-hosted OpenAI-compatible servers often take no key; the SDK insists on one.
    apiKey: config.OPENAI_API_KEY ?? 'not-needed',
    baseURL: config.OPENAI_BASE_URL ?? 'https://api.openai.com/v1',
    timeout: config.PROVIDER_TIMEOUT_MS,
    maxRetries: config.PROVIDER_MAX_RETRIES,
  });
}
