import { DomainError } from '../../platform/http/domain-error';

export const ProjectErrors = {
  notFound: () => new DomainError('PROJECT.NOT_FOUND', 404, 'Not found', 'No such project.'),
  versionNotFound: () => new DomainError('PROJECT.VERSION_NOT_FOUND', 404, 'Not found', 'No such script version.'),
  moderationPending: () =>
    new DomainError(
      'PROJECT.MODERATION_PENDING',
      409,
      'Awaiting moderation',
      'This project is waiting for a moderator and cannot be rendered until it is approved.',
    ),
  rejected: (reason?: string | null) =>
    new DomainError(
      'PROJECT.REJECTED',
      409,
      'Rejected by moderation',
      `This project was rejected by a moderator${reason ? `: ${reason}` : ''}; it cannot be rendered.`,
    ),
  invalidRenderOptions: (detail: string, errors: { field: string; messages: string[] }[]) =>
    new DomainError('VALIDATION.FAILED', 400, 'The request is not valid', detail, { errors }),
};
