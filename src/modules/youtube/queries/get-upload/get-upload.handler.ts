import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { UploadView } from '../../http/upload.view';
import { findOwnedUpload } from '../../persistence/owned-upload';
import { GetUploadQuery } from './get-upload.query';

@QueryHandler(GetUploadQuery)
export class GetUploadHandler implements IQueryHandler<GetUploadQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ userId, uploadId }: GetUploadQuery): Promise<UploadView> {
    return UploadView.of(await findOwnedUpload(this.em.fork(), userId, uploadId));
  }
}
