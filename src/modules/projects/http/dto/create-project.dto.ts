import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, ValidateNested } from 'class-validator';
import { RenderOptionsDto } from './render-options.dto';
import { ScriptField, TitleField } from './project-content';

export class CreateProjectDto {
  @TitleField()
  title!: string;

  @ScriptField()
  script!: string;

  @ApiPropertyOptional({ type: RenderOptionsDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RenderOptionsDto)
  options?: RenderOptionsDto;
}
