import { ApiProperty } from '@nestjs/swagger';
import { ProjectView } from '../../http/project.view';
import type { Project } from '../../persistence/project.entity';

/** A project as a moderator sees it: its owner and the listed words its text contains. */
export class ModerationItemView extends ProjectView {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ type: [String], description: 'Listed words found in the current title and script.' }) matchedWords!: string[];

  static from(project: Project, matchedWords: string[]): ModerationItemView {
    return { ...ProjectView.of(project, true), userId: project.userId, matchedWords };
  }
}
