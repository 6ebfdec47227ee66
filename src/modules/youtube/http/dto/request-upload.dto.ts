import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsBoolean, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PRIVACY_STATUSES } from '../../domain/upload-status';

/** Shapes and sizes only; YouTube's own rules (title length, bytes, angle brackets) are checked in the domain. */
export class RequestUploadDto {
  @ApiProperty({ format: 'uuid', description: 'A channel from GET /youtube/channels.' })
  @IsUUID('4')
  channelId!: string;

  @ApiPropertyOptional({ format: 'uuid', description: "Default: the project's latest completed full_generation." })
  @IsOptional()
  @IsUUID('4')
  jobId?: string;

  @ApiPropertyOptional({ maxLength: 100, description: "Default: the project's title. No < or >." })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  title?: string;

  @ApiPropertyOptional({ description: 'At most 5000 bytes of UTF-8. No < or >.' })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  description?: string;

  @ApiPropertyOptional({ type: [String], description: 'At most 500 characters together.' })
  @IsOptional()
  // Also what a client sending one string ('a, b') gets: class-validator reports it as this rule.
  @ArrayMaxSize(500, { message: 'tags must be a list of at most 500 strings' })
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ example: '22', default: '22', description: "YouTube's video category id, one it lets uploads use (22: People & Blogs, 1: Film & Animation)." })
  @IsOptional()
  @Matches(/^\d{1,3}$/, { message: 'categoryId must be a YouTube category id such as 22' })
  categoryId?: string;

  @ApiPropertyOptional({ enum: PRIVACY_STATUSES, default: 'private' })
  @IsOptional()
  @IsIn(PRIVACY_STATUSES, { message: `privacyStatus must be one of: ${PRIVACY_STATUSES.join(', ')}` })
  privacyStatus?: (typeof PRIVACY_STATUSES)[number];

  @ApiPropertyOptional({ format: 'date-time', description: 'Scheduled publication; only with privacyStatus private.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  publishAt?: string;

  @ApiPropertyOptional({ example: 'PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG', description: "One of the channel's own playlists (checked with YouTube when the upload is requested)." })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{2,64}$/, { message: 'playlistId must be a YouTube playlist id' })
  playlistId?: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  madeForKids?: boolean;

  @ApiPropertyOptional({ default: true, description: "YouTube's disclosure for realistic AI-made content." })
  @IsOptional()
  @IsBoolean()
  containsSyntheticMedia?: boolean;
}
