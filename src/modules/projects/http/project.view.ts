import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { RenderOptions } from '@afs/contracts';
import { MODERATION_STATES, PROJECT_STATUSES } from '../domain/project-enums';
import type { Project } from '../persistence/project.entity';
import { RenderOptionsDto } from './dto/render-options.dto';

export class ProjectView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiPropertyOptional({ description: 'Present on single-project answers, left out of lists.' }) script?: string;
  @ApiProperty({ type: RenderOptionsDto }) options!: RenderOptions;
  @ApiProperty({ enum: PROJECT_STATUSES }) status!: string;
  @ApiProperty({ enum: MODERATION_STATES }) moderationState!: string;
  @ApiProperty({ nullable: true }) moderationReason!: string | null;
  @ApiProperty() currentVersion!: number;
  @ApiProperty({ nullable: true, format: 'uuid' }) latestJobId!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;

  static of(project: Project, withScript: boolean): ProjectView {
    return {
      id: project.id,
      title: project.title,
      ...(withScript ? { script: project.script } : {}),
      options: project.options,
      status: project.status,
      moderationState: project.moderationState,
      moderationReason: project.moderationReason ?? null,
      currentVersion: project.currentVersion,
      latestJobId: project.latestJobId ?? null,
      createdAt: project.createdAt.toISOString(),
      updatedAt: project.updatedAt.toISOString(),
    };
  }
}

export class ProjectVersionView {
  @ApiProperty() version!: number;
  @ApiProperty() title!: string;
  @ApiProperty() script!: string;
  @ApiProperty({ type: RenderOptionsDto }) options!: RenderOptions;
  @ApiProperty() createdAt!: string;
}
