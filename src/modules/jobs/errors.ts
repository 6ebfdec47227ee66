import { DomainError } from '../../platform/http/domain-error';

export const JobErrors = {
  notFound: () => new DomainError('JOB.NOT_FOUND', 404, 'Not found', 'No such job.'),
  noBaseRender: (type: string) =>
    new DomainError(
      'JOB.NO_BASE_RENDER',
      409,
      'Render the film first',
      `A ${type} job re-renders one step of a finished film: this project has no completed full_generation of its current script version.`,
    ),
  notCancellable: (status: string) =>
    new DomainError('JOB.NOT_CANCELLABLE', 409, 'Job already ended', `The job is ${status} and can no longer be cancelled.`),
  notRetryable: (status: string) =>
    new DomainError('JOB.NOT_RETRYABLE', 409, 'Only failed jobs can be retried', `The job is ${status}.`),
  idempotencyKeyReused: () =>
    new DomainError(
      'IDEMPOTENCY.KEY_REUSED',
      422,
      'Idempotency-Key already used',
      'This Idempotency-Key was used for another job submission (project, type, priority or parameters differ); use a new key for a new request.',
    ),
  parametersTooLarge: (max: number) =>
    new DomainError('VALIDATION.FAILED', 400, 'The request is not valid', `parameters must be at most ${max} bytes of JSON.`, {
      errors: [{ field: 'parameters', messages: [`must be at most ${max} bytes of JSON`] }],
    }),
};
