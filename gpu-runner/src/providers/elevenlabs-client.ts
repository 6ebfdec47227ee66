import { ElevenLabsClient } from '@elevenlabs/elevenlabs-js';
import type { RunnerConfig } from '../config/runner-config';

export function createElevenLabsClient(config: RunnerConfig): ElevenLabsClient {
  return new ElevenLabsClient({
    apiKey: config.ELEVENLABS_API_KEY,
    // The SDK ignores ELEVENLABS_BASE_URL and wants the host root: a trailing /v1 would double the path.
    baseUrl: (config.ELEVENLABS_BASE_URL ?? 'https://api.elevenlabs.io').replace(/\/+$/, '').replace(/\/v1$/, ''),
    timeoutInSeconds: Math.ceil(config.PROVIDER_TIMEOUT_MS / 1000),
    maxRetries: config.PROVIDER_MAX_RETRIES,
  });
}
