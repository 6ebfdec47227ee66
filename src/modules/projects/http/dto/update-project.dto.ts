import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, ValidateNested } from 'class-validator';
import { RenderOptionsDto } from './render-options.dto';
import { ScriptField, TitleField } from './project-content';

/** Options given here are merged over the project's current ones. */
export class UpdateProjectDto {
  @IsOptional()
  @TitleField()
  title?: string;

  @IsOptional()
  @ScriptField()
  script?: string;

  @ApiPropertyOptional({ type: RenderOptionsDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RenderOptionsDto)
  options?: RenderOptionsDto;
}
