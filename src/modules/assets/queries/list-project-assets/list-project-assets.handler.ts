import { IQueryHandler, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { decodeTimeIdCursor, Page, timeIdKey, toPage } from '../../../../platform/http/pagination';
import { GetOwnedProjectQuery } from '../../../projects/queries/get-owned-project/get-owned-project.query';
import { isUuid } from '../../../../platform/http/is-uuid';
import { AssetErrors } from '../../errors';
import { AssetView, toAssetView } from '../../http/asset.view';
import { Asset } from '../../persistence/asset.entity';
import { ListProjectAssetsQuery } from './list-project-assets.query';

@QueryHandler(ListProjectAssetsQuery)
export class ListProjectAssetsHandler implements IQueryHandler<ListProjectAssetsQuery> {
  constructor(
    private readonly em: EntityManager,
    private readonly queries: QueryBus,
  ) {}

  async execute({
    userId,
    projectId,
    filter,
    limit,
    cursor,
  }: ListProjectAssetsQuery): Promise<Page<AssetView>> {
    if (!isUuid(projectId)) throw AssetErrors.projectNotFound();
    // The projects module owns projects: it says whether this one is the caller's (404 if not).
    await this.queries.execute(new GetOwnedProjectQuery(userId, projectId));
    const after = decodeTimeIdCursor(cursor);

    // user_id too: a project changes hands never, but the rule "only your own rows" stays local.
    const where: FilterQuery<Asset> = { projectId, userId };
    if (filter.kind) where.kind = filter.kind;
    if (filter.jobId) where.jobId = filter.jobId;
    if (after) where.$or = [{ createdAt: { $lt: after.at } }, { createdAt: after.at, id: { $lt: after.id } }];
    const rows = await this.em
      .fork()
      .find(Asset, where, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: limit + 1 });
    return toPage(rows, limit, toAssetView, timeIdKey);
  }
}
