import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { decodeCursor, Page, toPage } from '../../../../platform/http/pagination';
import { ProjectView } from '../../http/project.view';
import { Project } from '../../persistence/project.entity';
import type { ProjectStatus } from '../../domain/project-enums';
import { ListProjectsQuery } from './list-projects.query';

/** Newest first; keyset-paginated on (created_at, id) so new projects never shift a page. */
@QueryHandler(ListProjectsQuery)
export class ListProjectsHandler implements IQueryHandler<ListProjectsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute(query: ListProjectsQuery): Promise<Page<ProjectView>> {
    const after = decodeCursor(query.cursor, { t: 'time', id: 'uuid' });
    const where: FilterQuery<Project> = { userId: query.userId, deletedAt: null };
    if (query.status) where.status = query.status as ProjectStatus;
    if (query.search) where.title = { $ilike: `%${escapeLike(query.search)}%` };
    if (after) {
      where.$or = [{ createdAt: { $lt: new Date(after.t) } }, { createdAt: new Date(after.t), id: { $lt: after.id } }];
    }
    const rows = await this.em.fork().find(Project, where, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: query.limit + 1 });
    return toPage(rows, query.limit, (p) => ProjectView.of(p, false), (p) => ({ t: p.createdAt.toISOString(), id: p.id }));
  }
}

/** `%` and `_` typed by a user are searched for, not treated as wildcards. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
