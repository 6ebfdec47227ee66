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

@Module({
  imports: [MikroOrmModule.forFeature([Project, ProjectVersion])],
  controllers: [ProjectsController],
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
  ],
})
export class ProjectsModule {}
