import { DomainError } from '../../platform/http/domain-error';

/** Every failure of the assets module a caller can act on; the code is the stable part. */
export const AssetErrors = {
  notFound: () => new DomainError('ASSET.NOT_FOUND', 404, 'Not found', 'No such asset.'),
  projectNotFound: () => new DomainError('PROJECT.NOT_FOUND', 404, 'Not found', 'No such project.'),
  fileMissing: () =>
    new DomainError(
      'ASSET.FILE_MISSING',
      410,
      'File no longer stored',
      'This asset is recorded but its file is no longer in storage.',
    ),
  linkInvalid: () =>
    new DomainError(
      'ASSET.LINK_INVALID',
      403,
      'Invalid download link',
      'This download link is not one this API issued, or it was altered.',
    ),
  linkExpired: () =>
    new DomainError(
      'ASSET.LINK_EXPIRED',
      403,
      'Download link expired',
      'This download link has expired; ask for a new one at /assets/{id}/download.',
    ),
  invalidOutput: (detail: string) =>
    new DomainError('ASSET.INVALID_OUTPUT', 422, 'Invalid job output', detail),
  storageNotConfigured: (detail: string) =>
    new DomainError('ASSET.STORAGE_NOT_CONFIGURED', 503, 'Storage is not configured', detail),
};
