import { Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Project } from './persistence/project.entity';
import { ProjectVersion } from './persistence/project-version.entity';
import { CreateProjectHandler } from './commands/create-project/create-project.handler';
import { UpdateProjectHandler } from './commands/update-project/update-project.handler';
import { DeleteProjectHandler } from './commands/delete-project/delete-project.handler';
import { RecordJobStatusHandler } from './commands/record-job-status/record-job-status.handler';
import { GetProjectHandler } from './queries/get-project/get-project.handler';
import { ListProjectsHandler } from './queries/list-projects/list-projects.handler';
import { ListVersionsHandler } from './queries/list-versions/list-versions.handler';
import { GetOwnedProjectHandler } from './queries/get-owned-project/get-owned-project.handler';
import { GetRenderableProjectHandler } from './queries/get-renderable-project/get-renderable-project.handler';
import { GetProjectVersionHandler } from './queries/get-project-version/get-project-version.handler';
import { ProjectsController } from './http/projects.controller';
import { CatalogController } from './http/catalog.controller';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { ModerationWordList } from './domain/moderation';
import { ModerateProjectHandler } from './commands/moderate-project/moderate-project.handler';
import { ListModerationHandler } from './queries/list-moderation/list-moderation.handler';
import { ProjectStatsHandler } from './queries/project-stats/project-stats.handler';
import { FindDeletedProjectsHandler } from './queries/find-deleted-projects/find-deleted-projects.handler';

@Module({
  imports: [MikroOrmModule.forFeature([Project, ProjectVersion])],
  controllers: [ProjectsController, CatalogController],
  providers: [
    CreateProjectHandler,
    UpdateProjectHandler,
    DeleteProjectHandler,
    RecordJobStatusHandler,
    GetProjectHandler,
    ListProjectsHandler,
    ListVersionsHandler,
    GetOwnedProjectHandler,
    GetRenderableProjectHandler,
    GetProjectVersionHandler,
    { provide: ModerationWordList, inject: [APP_CONFIG], useFactory: (c: AppConfig) => ModerationWordList.load(c.MODERATION_WORDS_FILE) },
    ModerateProjectHandler,
    ListModerationHandler,
    ProjectStatsHandler,
    FindDeletedProjectsHandler,
  ],
})
export class ProjectsModule {}
