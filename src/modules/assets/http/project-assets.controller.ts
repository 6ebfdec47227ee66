import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../../../platform/auth/authenticated-user';
import { CurrentUser } from '../../../platform/auth/current-user.decorator';
import { ApiPage, ApiProblems } from '../../../platform/http/api-docs';
import type { Page } from '../../../platform/http/pagination';
import { ListProjectAssetsQuery } from '../queries/list-project-assets/list-project-assets.query';
import { AssetView } from './asset.view';
import { ListProjectAssetsDto } from './dto/list-project-assets.dto';

@ApiTags('assets')
@ApiBearerAuth()
@Controller('projects')
export class ProjectAssetsController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/assets')
  @ApiPage(AssetView)
  @ApiProblems(400, 401, 404)
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') projectId: string,
    @Query() query: ListProjectAssetsDto,
  ): Promise<Page<AssetView>> {
    return this.queries.execute(
      new ListProjectAssetsQuery(
        user.id,
        projectId,
        { kind: query.kind, jobId: query.jobId },
        query.limit,
        query.cursor,
      ),
    );
  }
}
