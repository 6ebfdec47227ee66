import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { DomainError } from '../../../../platform/http/domain-error';
import { isUuid } from '../../../../platform/http/is-uuid';
import { decodeCursor, Page, toPage } from '../../../../platform/http/pagination';
import { UploadView } from '../../http/upload.view';
import { YouTubeUpload } from '../../persistence/youtube-upload.entity';
import { ListUploadsQuery } from './list-uploads.query';

@QueryHandler(ListUploadsQuery)
export class ListUploadsHandler implements IQueryHandler<ListUploadsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ userId, filter, limit, cursor }: ListUploadsQuery): Promise<Page<UploadView>> {
    const after = decodeCursor<{ c: string; i: string }>(cursor, ['c', 'i']);
    if (after && (!isUuid(after.i) || Number.isNaN(Date.parse(after.c)))) {
      throw new DomainError('PAGINATION.BAD_CURSOR', 400, 'Invalid cursor', 'The cursor is not one this API issued.');
    }
    const where: FilterQuery<YouTubeUpload> = { userId };
    if (filter.projectId) where.projectId = filter.projectId;
    if (filter.status) where.status = filter.status;
    if (after) {
      const at = new Date(after.c);
      where.$or = [{ createdAt: { $lt: at } }, { createdAt: at, id: { $lt: after.i } }];
    }
    const rows = await this.em.fork().find(YouTubeUpload, where, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: limit + 1 });
    return toPage(rows, limit, UploadView.of, (u) => ({ c: u.createdAt.toISOString(), i: u.id }));
  }
}
