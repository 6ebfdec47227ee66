import { DomainError } from './domain-error';

/** One query value of a browser redirect (Google's callbacks), or undefined when absent or repeated. */
export function singleQueryValue(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

/**
 * A failed browser callback redirects to the web app rather than showing a problem+json page:
 * `error=<problem code>` and, when the problem has one, `reason=<vendor's reason>`.
 */
export function problemRedirectParams(error: unknown): Record<string, string> {
  if (!(error instanceof DomainError)) return { error: 'INTERNAL' };
  const reason = error.extensions.reason;
  return typeof reason === 'string' ? { error: error.code, reason } : { error: error.code };
}
