import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { Asset } from '../../persistence/asset.entity';
import { GetJobFileQuery, JobFile } from './get-job-file.query';

@QueryHandler(GetJobFileQuery)
export class GetJobFileHandler implements IQueryHandler<GetJobFileQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ userId, jobId, kind }: GetJobFileQuery): Promise<JobFile | null> {
    const asset = await this.em.fork().findOne(Asset, { jobId, userId, kind });
    return asset ? { assetId: asset.id, storageKey: asset.storageKey, size: asset.size, contentType: asset.contentType } : null;
  }
}
