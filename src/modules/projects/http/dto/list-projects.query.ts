import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../../../../platform/http/pagination';
import { PROJECT_STATUSES } from '../../domain/project-enums';

export class ListProjectsQueryDto extends PageQuery {
  @ApiPropertyOptional({ enum: PROJECT_STATUSES })
  @IsOptional()
  @IsIn(PROJECT_STATUSES, { message: `status must be one of: ${PROJECT_STATUSES.join(', ')}` })
  status?: string;

  @ApiPropertyOptional({ description: 'Words in the title (case-insensitive).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}
