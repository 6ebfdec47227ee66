import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { PRIVACY_STATUSES } from '../../domain/upload-status';

export class CreatePlaylistDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4')
  channelId!: string;

  @ApiProperty({ maxLength: 150 })
  @IsString()
  @Length(1, 150)
  @Matches(/^[^<>]*\S[^<>]*$/, { message: 'title must not be blank nor contain < or >' })
  title!: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  @Matches(/^[^<>]*$/, { message: 'description must not contain < or >' })
  description?: string;

  @ApiPropertyOptional({ enum: PRIVACY_STATUSES, default: 'private' })
  @IsOptional()
  @IsIn(PRIVACY_STATUSES, { message: `privacyStatus must be one of: ${PRIVACY_STATUSES.join(', ')}` })
  privacyStatus?: (typeof PRIVACY_STATUSES)[number];
}
