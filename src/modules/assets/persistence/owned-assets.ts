import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid } from '../../../platform/http/is-uuid';
import { AssetErrors } from '../errors';
import { Asset } from './asset.entity';

/** The one ownership rule of assets: another user's asset and a missing one look the same (404). */
export const OwnedAssets = {
  async require(em: EntityManager, userId: string, assetId: string): Promise<Asset> {
    if (!isUuid(assetId)) throw AssetErrors.notFound();
    const asset = await em.findOne(Asset, { id: assetId, userId });
    if (!asset) throw AssetErrors.notFound();
    return asset;
  },
};
