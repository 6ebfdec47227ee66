import { Query } from '@nestjs/cqrs';
import type { Page } from '../../../../platform/http/pagination';
import type { UploadStatus } from '../../domain/upload-status';
import type { UploadView } from '../../http/upload.view';

export interface UploadFilter {
  projectId?: string;
  status?: UploadStatus;
}

/** The user's uploads, newest first, keyset-paginated. Throws PAGINATION.BAD_CURSOR 400. */
export class ListUploadsQuery extends Query<Page<UploadView>> {
  constructor(
    readonly userId: string,
    readonly filter: UploadFilter,
    readonly limit = 20,
    readonly cursor?: string,
  ) {
    super();
  }
}
