import { DomainError } from '../../platform/http/domain-error';

export const AdminErrors = {
  invalid: (field: string, message: string) =>
    new DomainError('VALIDATION.FAILED', 400, 'The request is not valid', `${field}: ${message}`, {
      errors: [{ field, messages: [message] }],
    }),
};

/** Parses an optional ISO date range, refusing from >= to. */
export function dateRange(from: string | undefined, to: string | undefined, defaultDays: number | null): { from?: Date; to?: Date } {
  const end = to ? new Date(to) : defaultDays === null ? undefined : new Date();
  const start = from ? new Date(from) : defaultDays === null || !end ? undefined : new Date(end.getTime() - defaultDays * 86_400_000);
  if (start && end && start >= end) throw AdminErrors.invalid('from', 'must be before to');
  return { from: start, to: end };
}
