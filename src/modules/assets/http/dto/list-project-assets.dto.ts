import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { ASSET_KINDS, type AssetKind } from '@afs/contracts';
import { PageQuery } from '../../../../platform/http/pagination';

export class ListProjectAssetsDto extends PageQuery {
  @ApiPropertyOptional({ enum: ASSET_KINDS })
  @IsOptional()
  @IsIn(ASSET_KINDS, { message: `kind must be one of ${ASSET_KINDS.join(', ')}` })
  kind?: AssetKind;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only the files of this job' })
  @IsOptional()
  @IsUUID('all', { message: 'jobId must be a UUID' })
  jobId?: string;
}
