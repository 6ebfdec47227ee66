import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { ElevenLabsClient } from '@elevenlabs/elevenlabs-js';
import type { RunnerConfig } from '../config/runner-config';

// Timeouts and retries are always set here: the SDK defaults (10 minutes, 2 retries) would let a
// dead provider hold a render for half an hour. The SDKs retry 429 and 5xx with backoff themselves.

export function createOpenAIClient(config: RunnerConfig): OpenAI {
  return new OpenAI({
    apiKey: config.OPENAI_API_KEY ?? 'not-set',
    baseURL: config.OPENAI_BASE_URL ?? 'https://api.openai.com/v1',
    timeout: config.PROVIDER_TIMEOUT_MS,
    maxRetries: config.PROVIDER_MAX_RETRIES,
  });
}

export function createAnthropicClient(config: RunnerConfig): Anthropic {
  return new Anthropic({
    apiKey: config.ANTHROPIC_API_KEY ?? 'not-set',
    baseURL: config.ANTHROPIC_BASE_URL ?? 'https://api.anthropic.com',
    timeout: config.PROVIDER_TIMEOUT_MS,
    maxRetries: config.PROVIDER_MAX_RETRIES,
  });
}

export function createElevenLabsClient(config: RunnerConfig): ElevenLabsClient {
  return new ElevenLabsClient({
    apiKey: config.ELEVENLABS_API_KEY,
    // The SDK ignores ELEVENLABS_BASE_URL and wants the host root: a trailing /v1 would double the path.
    baseUrl: (config.ELEVENLABS_BASE_URL ?? 'https://api.elevenlabs.io').replace(/\/+$/, '').replace(/\/v1$/, ''),
    timeoutInSeconds: Math.ceil(config.PROVIDER_TIMEOUT_MS / 1000),
    maxRetries: config.PROVIDER_MAX_RETRIES,
  });
}
