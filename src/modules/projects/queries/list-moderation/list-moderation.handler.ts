import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { decodeCursor, Page, toPage } from '../../../../platform/http/pagination';
import { ModerationWordList } from '../../domain/moderation';
import { Project } from '../../persistence/project.entity';
import { ListModerationQuery } from './list-moderation.query';
import { ModerationItemView } from './moderation-item.view';

@QueryHandler(ListModerationQuery)
export class ListModerationHandler implements IQueryHandler<ListModerationQuery> {
  constructor(
    private readonly em: EntityManager,
    private readonly words: ModerationWordList,
  ) {}

  async execute(query: ListModerationQuery): Promise<Page<ModerationItemView>> {
    const after = decodeCursor(query.cursor, { t: 'time', id: 'uuid' });
    const where: FilterQuery<Project> = { moderationState: query.state, deletedAt: null };
    if (after) {
      where.$or = [{ updatedAt: { $gt: new Date(after.t) } }, { updatedAt: new Date(after.t), id: { $gt: after.id } }];
    }
    const rows = await this.em
      .fork()
      .find(Project, where, { orderBy: { updatedAt: 'asc', id: 'asc' }, limit: query.limit + 1, populate: ['script'] });
    return toPage(
      rows,
      query.limit,
      (p) => ModerationItemView.from(p, this.words.matches(p.title, p.script)),
      (p) => ({ t: p.updatedAt.toISOString(), id: p.id }),
    );
  }
}
