import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Readable } from 'node:stream';
import { streamRange, StorageNotFoundError, type ByteRange, type Storage } from '@afs/storage';
import { isUuid } from '../../../platform/http/is-uuid';
import { AssetErrors } from '../errors';
import { Asset } from '../persistence/asset.entity';
import { ASSET_STORAGE } from '../storage/asset-storage';

/**
 * Reads an asset's bytes for the signed-link route. No ownership check here: the caller has
 * already verified a signature only the owner could have obtained. The storage key is the row's.
 */
@Injectable()
export class AssetContent {
  constructor(
    private readonly em: EntityManager,
    @Inject(ASSET_STORAGE) private readonly storage: Storage,
  ) {}

  async find(assetId: string): Promise<Asset> {
    const asset = isUuid(assetId) ? await this.em.fork().findOne(Asset, { id: assetId }) : null;
    if (!asset) throw AssetErrors.notFound();
    return asset;
  }

  /** Throws ASSET.FILE_MISSING 410 when the row outlived its file. */
  async open(asset: Asset, range?: ByteRange): Promise<Readable> {
    try {
      return range
        ? await streamRange(this.storage, asset.storageKey, range)
        : await this.storage.stream(asset.storageKey);
    } catch (error) {
      if (error instanceof StorageNotFoundError) throw AssetErrors.fileMissing();
      throw error;
    }
  }
}
