import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PageQuery } from '../../../../platform/http/pagination';
import { ROLES, TIERS, USER_STATUSES } from '../../../users/domain/user-enums';
import type { Tier, UserRole } from '../../../users/domain/user-enums';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class SearchUsersQueryDto extends PageQuery {
  @ApiPropertyOptional({ description: 'Part of the email or of "first last", case-insensitive.', maxLength: 200 })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: USER_STATUSES }) @IsOptional() @IsIn(USER_STATUSES) status?: string;
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: string;
  @ApiPropertyOptional({ enum: TIERS }) @IsOptional() @IsIn(TIERS) tier?: string;
}

export class ReasonDto {
  @ApiProperty({ example: 'Repeated abuse reports', minLength: 1, maxLength: 500 })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason!: string;
}

export class OptionalReasonDto {
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason?: string;
}

export class UpdateUserDto extends OptionalReasonDto {
  @ApiPropertyOptional({ enum: TIERS }) @IsOptional() @IsIn(TIERS) tier?: Tier;
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: UserRole;
}

export class GrantCreditsDto extends ReasonDto {
  @ApiProperty({ minimum: 1, maximum: 100000, example: 10 })
  @IsInt()
  @Min(1)
  @Max(100_000)
  amount!: number;
}

export class RetryJobDto {
  @ApiPropertyOptional({ description: 'Run at no cost to the owner (audited).', default: false })
  @IsOptional()
  @IsBoolean()
  free?: boolean;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason?: string;
}

export class AuditLogsQueryDto extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() actorId?: string;
  @ApiPropertyOptional({ example: 'user.suspended' })
  @IsOptional()
  @Matches(/^[a-z_]+\.[a-z_]+$/, { message: 'action must look like user.suspended' })
  action?: string;
  @ApiPropertyOptional({ example: 'user' }) @IsOptional() @Matches(/^[a-z_]{1,50}$/) targetType?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) targetId?: string;
  @ApiPropertyOptional({ description: 'ISO 8601, inclusive' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ description: 'ISO 8601, exclusive' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
}

export class FailedJobsQueryDto extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() userId?: string;
}

export class StatsQueryDto {
  @ApiPropertyOptional({ description: 'ISO 8601, inclusive; default 30 days ago' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ description: 'ISO 8601, exclusive; default now' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
}
