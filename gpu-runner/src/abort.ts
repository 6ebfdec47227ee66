/** Thrown when a render stops because its AbortSignal fired; a processor reports this as cancelled, not failed. */
export class RenderAbortedError extends Error {
  constructor(reason?: unknown) {
    super(reason instanceof Error ? `render aborted: ${reason.message}` : 'render aborted');
    this.name = 'RenderAbortedError';
  }
}

export function abortError(signal: AbortSignal): RenderAbortedError {
  return signal.reason instanceof RenderAbortedError ? signal.reason : new RenderAbortedError(signal.reason);
}

export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw abortError(signal);
}
