import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { decodeTimeIdCursor, Page, timeIdKey, toPage } from '../../../../platform/http/pagination';
import { UploadView } from '../../http/upload.view';
import { YouTubeUpload } from '../../persistence/youtube-upload.entity';
import { ListUploadsQuery } from './list-uploads.query';

@QueryHandler(ListUploadsQuery)
export class ListUploadsHandler implements IQueryHandler<ListUploadsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ userId, filter, limit, cursor }: ListUploadsQuery): Promise<Page<UploadView>> {
    const after = decodeTimeIdCursor(cursor);
    const where: FilterQuery<YouTubeUpload> = { userId };
    if (filter.projectId) where.projectId = filter.projectId;
    if (filter.status) where.status = filter.status;
    if (after) where.$or = [{ createdAt: { $lt: after.at } }, { createdAt: after.at, id: { $lt: after.id } }];
    const rows = await this.em.fork().find(YouTubeUpload, where, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: limit + 1 });
    return toPage(rows, limit, UploadView.of, timeIdKey);
  }
}
