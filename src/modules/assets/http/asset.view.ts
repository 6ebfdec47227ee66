import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ASSET_KINDS, type AssetKind } from '@afs/contracts';
import { assetFileName } from '../domain/asset-file-name';
import type { Asset } from '../persistence/asset.entity';

export class AssetView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) projectId!: string;
  @ApiProperty({ format: 'uuid' }) jobId!: string;
  @ApiProperty({ enum: ASSET_KINDS }) kind!: AssetKind;
  @ApiProperty({ example: 'film-1a2b3c4d.mp4', description: 'The name a download is saved under' })
  fileName!: string;
  @ApiProperty({ example: 'video/mp4' }) contentType!: string;
  @ApiProperty({ description: 'Bytes' }) size!: number;
  @ApiProperty({ description: 'sha256 of the bytes, hex; also the ETag of the download' })
  checksum!: string;
  @ApiPropertyOptional({ nullable: true, description: 'Media length in seconds' })
  durationSeconds!: number | null;
  @ApiPropertyOptional({ nullable: true }) width!: number | null;
  @ApiPropertyOptional({ nullable: true }) height!: number | null;
  @ApiPropertyOptional({
    nullable: true,
    description: "For a scene's still (kind image): the scene's index in scenes.json, from 0",
  })
  sceneIndex!: number | null;
  @ApiProperty({
    example: '/api/v1/assets/5d0c1f3e-3f1a-4b8e-9d1c-0f6f0b6f7a11/download',
    description: 'Redirects to a short-lived link',
  })
  downloadUrl!: string;
  @ApiProperty() createdAt!: string;
}

export class AssetLinkView {
  @ApiProperty({
    description:
      'A link that needs no bearer token (for <video>, <img>, a download manager) until expiresAt. Absolute for S3 ' +
      'and when PUBLIC_URL is set; otherwise a path on this API.',
  })
  url!: string;
  @ApiProperty() expiresAt!: string;
}

export function toAssetView(asset: Asset): AssetView {
  return {
    id: asset.id,
    projectId: asset.projectId,
    jobId: asset.jobId,
    kind: asset.kind,
    fileName: assetFileName(asset),
    contentType: asset.contentType,
    size: asset.size,
    checksum: asset.checksum,
    durationSeconds: asset.durationSeconds ?? null,
    width: asset.width ?? null,
    height: asset.height ?? null,
    sceneIndex: asset.sceneIndex ?? null,
    downloadUrl: `/api/v1/assets/${asset.id}/download`,
    createdAt: asset.createdAt.toISOString(),
  };
}
