import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNumber, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import {
  ASPECT_RATIOS,
  FRAME_RATES,
  MUSIC_LEVEL_LIMITS,
  RENDER_STYLES,
  RESOLUTIONS,
  SPEAKING_RATE_LIMITS,
  SUBTITLE_MODES,
  TARGET_DURATION_LIMITS,
} from '@afs/contracts';

const oneOf = (values: readonly (string | number)[]) => ({ message: `$property must be one of: ${values.join(', ')}` });

/** Every render option, spelled as the render engine spells it; missing ones take the defaults. */
export class RenderOptionsDto {
  @ApiPropertyOptional({ enum: RENDER_STYLES, default: 'cinematic' })
  @IsOptional()
  @IsIn(RENDER_STYLES, oneOf(RENDER_STYLES))
  style?: string;

  @ApiPropertyOptional({ enum: ASPECT_RATIOS, default: '16:9' })
  @IsOptional()
  @IsIn(ASPECT_RATIOS, oneOf(ASPECT_RATIOS))
  aspectRatio?: string;

  @ApiPropertyOptional({ enum: RESOLUTIONS, default: '720p' })
  @IsOptional()
  @IsIn(RESOLUTIONS, oneOf(RESOLUTIONS))
  resolution?: string;

  @ApiPropertyOptional({ enum: FRAME_RATES, default: 30 })
  @IsOptional()
  @IsIn(FRAME_RATES, oneOf(FRAME_RATES))
  fps?: number;

  @ApiPropertyOptional({ default: 'default', example: 'en-us' })
  @IsOptional()
  @IsString()
  @Matches(/^[\w.+:-]{1,100}$/, { message: 'voice must be a voice name of letters, digits and . _ + : -' })
  voice?: string;

  @ApiPropertyOptional({ minimum: SPEAKING_RATE_LIMITS.min, maximum: SPEAKING_RATE_LIMITS.max, default: 1 })
  @IsOptional()
  @IsNumber()
  @Min(SPEAKING_RATE_LIMITS.min)
  @Max(SPEAKING_RATE_LIMITS.max)
  speakingRate?: number;

  @ApiPropertyOptional({ default: 'en', example: 'ja' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { message: 'language must be a BCP 47 tag such as en, en-GB or ja' })
  language?: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  music?: boolean;

  @ApiPropertyOptional({ minimum: MUSIC_LEVEL_LIMITS.min, maximum: MUSIC_LEVEL_LIMITS.max, default: 0.25 })
  @IsOptional()
  @IsNumber()
  @Min(MUSIC_LEVEL_LIMITS.min)
  @Max(MUSIC_LEVEL_LIMITS.max)
  musicLevel?: number;

  @ApiPropertyOptional({ enum: SUBTITLE_MODES, default: 'burned' })
  @IsOptional()
  @IsIn(SUBTITLE_MODES, oneOf(SUBTITLE_MODES))
  subtitles?: string;

  @ApiPropertyOptional({ minimum: TARGET_DURATION_LIMITS.min, maximum: TARGET_DURATION_LIMITS.max, description: 'Seconds.' })
  @IsOptional()
  @IsNumber()
  @Min(TARGET_DURATION_LIMITS.min)
  @Max(TARGET_DURATION_LIMITS.max)
  targetDuration?: number;
}
