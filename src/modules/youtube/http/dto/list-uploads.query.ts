import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '../../../../platform/http/pagination';
import { UPLOAD_STATUSES } from '../../domain/upload-status';

export class ListUploadsQueryDto extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('4')
  projectId?: string;

  @ApiPropertyOptional({ enum: UPLOAD_STATUSES })
  @IsOptional()
  @IsIn(UPLOAD_STATUSES, { message: `status must be one of: ${UPLOAD_STATUSES.join(', ')}` })
  status?: (typeof UPLOAD_STATUSES)[number];
}
