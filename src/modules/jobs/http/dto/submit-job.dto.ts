import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsObject, IsOptional } from 'class-validator';
import { JOB_PRIORITIES, JOB_TYPES } from '@afs/contracts';

export class SubmitJobDto {
  @ApiProperty({ enum: JOB_TYPES, example: 'full_generation' })
  @IsIn(JOB_TYPES, { message: `type must be one of: ${JOB_TYPES.join(', ')}` })
  type!: string;

  @ApiPropertyOptional({ enum: JOB_PRIORITIES, default: 2, description: '1 low .. 3 high' })
  @IsOptional()
  @IsInt()
  @IsIn(JOB_PRIORITIES, { message: 'priority must be 1 (low), 2 or 3 (high)' })
  priority?: number;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Free-form, at most 16 KiB of JSON.' })
  @IsOptional()
  @IsObject()
  parameters?: Record<string, unknown>;
}
