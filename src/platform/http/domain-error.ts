/**
 * A failure the domain expects and a client can act on. The code is stable (clients and tests
 * match on it) and becomes the last segment of the problem `type`.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly title: string,
    detail?: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
  }
}
