import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Storage } from '@afs/storage';
import { APP_CONFIG, type AppConfig } from '../../../../platform/config/config';
import { assetFileName } from '../../domain/asset-file-name';
import type { AssetLinkView } from '../../http/asset.view';
import { AssetLinkSigner } from '../../links/asset-link-signer';
import { OwnedAssets } from '../../persistence/owned-assets';
import { ASSET_STORAGE } from '../../storage/asset-storage';
import { GetAssetLinkQuery } from './get-asset-link.query';

@QueryHandler(GetAssetLinkQuery)
export class GetAssetLinkHandler implements IQueryHandler<GetAssetLinkQuery> {
  constructor(
    private readonly em: EntityManager,
    @Inject(ASSET_STORAGE) private readonly storage: Storage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly signer: AssetLinkSigner,
  ) {}

  async execute({ userId, assetId }: GetAssetLinkQuery): Promise<AssetLinkView> {
    const asset = await OwnedAssets.require(this.em.fork(), userId, assetId);
    const ttl = this.config.ASSET_URL_TTL_SECONDS;
    if (this.storage.signedUrl) {
      const url = await this.storage.signedUrl(asset.storageKey, {
        expiresInSeconds: ttl,
        fileName: assetFileName(asset),
        contentType: asset.contentType,
      });
      return { url, expiresAt: new Date(Date.now() + ttl * 1000).toISOString() };
    }
    const { expires, signature } = this.signer.sign(asset.id);
    const path = `/api/v1/assets/${asset.id}/content?expires=${expires}&signature=${signature}`;
    // The Host header is the caller's to choose, so absolute links are built only from PUBLIC_URL.
    const base = this.config.PUBLIC_URL?.replace(/\/+$/, '') ?? '';
    return { url: base + path, expiresAt: new Date(expires * 1000).toISOString() };
  }
}
