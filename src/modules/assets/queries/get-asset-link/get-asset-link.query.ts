import { Query } from '@nestjs/cqrs';
import type { AssetLinkView } from '../../http/asset.view';

/**
 * A short-lived link to an asset's bytes that needs no bearer token: a presigned URL on S3, a
 * signed `/assets/:id/content` link on the local driver. For the owner only: throws
 * ASSET.NOT_FOUND 404 otherwise.
 */
export class GetAssetLinkQuery extends Query<AssetLinkView> {
  constructor(
    readonly userId: string,
    readonly assetId: string,
  ) {
    super();
  }
}
