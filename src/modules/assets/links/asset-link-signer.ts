import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/config';
import { AssetErrors } from '../errors';

export interface SignedLink {
  expires: number;
  signature: string;
}

/**
 * Signs and checks the expiring links of the local driver's downloads
 * (`/assets/:id/content?expires=&signature=`), which a <video> tag can use without a bearer token.
 * The signature covers the asset id and the expiry, so neither can be changed.
 */
@Injectable()
export class AssetLinkSigner {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    // Derived rather than JWT_SECRET itself, so an asset signature can never pass for a token's.
    this.key = config.ASSET_URL_SECRET
      ? Buffer.from(config.ASSET_URL_SECRET, 'utf8')
      : createHmac('sha256', config.JWT_SECRET).update('afs:asset-download-links:v1').digest();
  }

  sign(assetId: string, now = Date.now()): SignedLink {
    const expires = Math.floor(now / 1000) + this.config.ASSET_URL_TTL_SECONDS;
    return { expires, signature: this.mac(assetId, expires) };
  }

  /** Throws ASSET.LINK_INVALID (403) for a forged or altered link, ASSET.LINK_EXPIRED (403) after expiry. */
  verify(assetId: string, expires: unknown, signature: unknown, now = Date.now()): void {
    if (typeof expires !== 'string' || !/^\d{1,12}$/.test(expires) || typeof signature !== 'string')
      throw AssetErrors.linkInvalid();
    const expected = Buffer.from(this.mac(assetId, Number(expires)), 'utf8');
    const given = Buffer.from(signature, 'utf8');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw AssetErrors.linkInvalid();
    // Checked after the signature, so "expired" is only ever said about a link we issued.
    if (Number(expires) * 1000 <= now) throw AssetErrors.linkExpired();
  }

  private mac(assetId: string, expires: number): string {
    return createHmac('sha256', this.key)
      .update(`${assetId.toLowerCase()}\n${expires}`)
      .digest('base64url');
  }
}
