import { Query } from '@nestjs/cqrs';
import type { UploadView } from '../../http/upload.view';

/** One of the user's uploads. Throws YOUTUBE.UPLOAD_NOT_FOUND 404. */
export class GetUploadQuery extends Query<UploadView> {
  constructor(
    readonly userId: string,
    readonly uploadId: string,
  ) {
    super();
  }
}
