import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { AssetView, toAssetView } from '../../http/asset.view';
import { OwnedAssets } from '../../persistence/owned-assets';
import { GetAssetQuery } from './get-asset.query';

@QueryHandler(GetAssetQuery)
export class GetAssetHandler implements IQueryHandler<GetAssetQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ userId, assetId }: GetAssetQuery): Promise<AssetView> {
    return toAssetView(await OwnedAssets.require(this.em.fork(), userId, assetId));
  }
}
