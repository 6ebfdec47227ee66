import type { RenderStep } from '@afs/contracts';

/** Every provider failure names the step and the provider, so a failed job says what to fix. */
export class ProviderError extends Error {
  constructor(
    readonly step: RenderStep,
    readonly provider: string,
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${step} step failed at provider ${provider}: ${detail}`, options);
    this.name = 'ProviderError';
  }
}

const CONNECTION_ERRORS = new Set(['APIConnectionError', 'APIConnectionTimeoutError', 'ElevenLabsTimeoutError', 'TimeoutError']);

export function describeError(error: unknown, timeoutMs?: number): string {
  if (error instanceof Error && CONNECTION_ERRORS.has(error.constructor.name) && timeoutMs !== undefined) {
    // The SDKs report an expired per-request timeout as a bare "Connection error.": say what it means.
    return `no answer: the request timed out after ${timeoutMs} ms or the connection failed, on every attempt (${error.message})`;
  }
  if (error instanceof Error) {
    const status = (error as { status?: unknown }).status ?? (error as { statusCode?: unknown }).statusCode;
    const base = error.message.split('\n')[0].slice(0, 300);
    return typeof status === 'number' && !base.includes(String(status)) ? `HTTP ${status}: ${base}` : base;
  }
  return String(error);
}

/** Wraps anything thrown by a provider call, leaving aborts as they are so cancellation stays recognisable. */
export async function callProvider<T>(
  step: RenderStep,
  provider: string,
  signal: AbortSignal | undefined,
  call: () => Promise<T>,
  timeoutMs?: number,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (signal?.aborted) throw signal.reason ?? error;
    if (error instanceof ProviderError) throw error;
    throw new ProviderError(step, provider, describeError(error, timeoutMs), { cause: error });
  }
}
