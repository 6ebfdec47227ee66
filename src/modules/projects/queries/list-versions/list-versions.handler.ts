import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { decodeCursor, Page, toPage } from '../../../../platform/http/pagination';
import { ProjectErrors } from '../../errors';
import { ProjectVersionView } from '../../http/project.view';
import { Project } from '../../persistence/project.entity';
import { ProjectVersion } from '../../persistence/project-version.entity';
import { ListVersionsQuery } from './list-versions.query';

@QueryHandler(ListVersionsQuery)
export class ListVersionsHandler implements IQueryHandler<ListVersionsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute(query: ListVersionsQuery): Promise<Page<ProjectVersionView>> {
    const em = this.em.fork();
    if (!(await em.count(Project, { id: query.projectId, userId: query.userId, deletedAt: null }))) throw ProjectErrors.notFound();
    const after = decodeCursor(query.cursor, { v: 'int' });
    const rows = await em.find(
      ProjectVersion,
      { projectId: query.projectId, ...(after ? { version: { $lt: after.v } } : {}) },
      { orderBy: { version: 'desc' }, limit: query.limit + 1 },
    );
    return toPage(
      rows,
      query.limit,
      (v) => ({ version: v.version, title: v.title, script: v.script, options: v.options, createdAt: v.createdAt.toISOString() }),
      (v) => ({ v: v.version }),
    );
  }
}
