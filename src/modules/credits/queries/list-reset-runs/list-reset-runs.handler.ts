import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { decodeCursor, Page, toPage } from '../../../../platform/http/pagination';
import { ResetRunView } from '../../http/views';
import { ResetRunStore } from '../../persistence/reset-run-store';
import { ListResetRunsQuery } from './list-reset-runs.query';

@QueryHandler(ListResetRunsQuery)
export class ListResetRunsHandler implements IQueryHandler<ListResetRunsQuery> {
  constructor(
    private readonly em: EntityManager,
    private readonly runs: ResetRunStore,
  ) {}

  async execute({ limit, cursor }: ListResetRunsQuery): Promise<Page<ResetRunView>> {
    const before = decodeCursor(cursor, { startedAt: 'time', id: 'uuid' });
    const rows = await this.runs.list(this.em, limit + 1, before);
    return toPage(rows, limit, (r) => r, (r) => ({ startedAt: r.startedAt, id: r.id }));
  }
}
