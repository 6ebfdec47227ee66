import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../../../platform/auth/current-user.decorator';
import type { AuthenticatedUser } from '../../../platform/auth/authenticated-user';
import { ApiPage, ApiProblems } from '../../../platform/http/api-docs';
import { Page, PageQuery } from '../../../platform/http/pagination';
import { CreateProjectCommand } from '../commands/create-project/create-project.command';
import { DeleteProjectCommand } from '../commands/delete-project/delete-project.command';
import { UpdateProjectCommand } from '../commands/update-project/update-project.command';
import { GetProjectQuery } from '../queries/get-project/get-project.query';
import { ListProjectsQuery } from '../queries/list-projects/list-projects.query';
import { ListVersionsQuery } from '../queries/list-versions/list-versions.query';
import { CreateProjectDto } from './dto/create-project.dto';
import { ListProjectsQueryDto } from './dto/list-projects.query';
import { UpdateProjectDto } from './dto/update-project.dto';
import { ProjectVersionView, ProjectView } from './project.view';

const ProjectId = () => Param('id', new ParseUUIDPipe({ version: '4' }));

@ApiTags('projects')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('projects')
export class ProjectsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: ProjectView })
  @ApiProblems(400)
  create(@CurrentUser() user: AuthenticatedUser, @Body() dto: CreateProjectDto): Promise<ProjectView> {
    return this.commands.execute(new CreateProjectCommand(user.id, dto.title, dto.script, dto.options));
  }

  @Get()
  @ApiPage(ProjectView)
  @ApiProblems(400)
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: ListProjectsQueryDto): Promise<Page<ProjectView>> {
    return this.queries.execute(new ListProjectsQuery(user.id, query.limit, query.cursor, query.status, query.q));
  }

  @Get(':id')
  @ApiOkResponse({ type: ProjectView })
  @ApiProblems(404)
  get(@CurrentUser() user: AuthenticatedUser, @ProjectId() id: string): Promise<ProjectView> {
    return this.queries.execute(new GetProjectQuery(user.id, id));
  }

  @Patch(':id')
  @ApiOkResponse({ type: ProjectView, description: 'A changed title, script or options is a new version.' })
  @ApiProblems(400, 404)
  update(@CurrentUser() user: AuthenticatedUser, @ProjectId() id: string, @Body() dto: UpdateProjectDto): Promise<ProjectView> {
    return this.commands.execute(new UpdateProjectCommand(user.id, id, dto));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted; its jobs are cancelled and their credits released.' })
  @ApiProblems(404)
  async remove(@CurrentUser() user: AuthenticatedUser, @ProjectId() id: string): Promise<void> {
    await this.commands.execute(new DeleteProjectCommand(user.id, id));
  }

  @Get(':id/versions')
  @ApiPage(ProjectVersionView)
  @ApiProblems(404)
  versions(@CurrentUser() user: AuthenticatedUser, @ProjectId() id: string, @Query() page: PageQuery) {
    return this.queries.execute(new ListVersionsQuery(user.id, id, page.limit, page.cursor));
  }
}
