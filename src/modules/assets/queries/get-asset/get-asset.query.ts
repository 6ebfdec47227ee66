import { Query } from '@nestjs/cqrs';
import type { AssetView } from '../../http/asset.view';

/** One asset's metadata, for its owner. Throws ASSET.NOT_FOUND 404 when missing or someone else's. */
export class GetAssetQuery extends Query<AssetView> {
  constructor(
    readonly userId: string,
    readonly assetId: string,
  ) {
    super();
  }
}
