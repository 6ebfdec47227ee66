import { IQueryHandler, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { JobStatsQuery } from '../../../jobs/queries/job-stats/job-stats.query';
import { ProjectStatsQuery } from '../../../projects/queries/project-stats/project-stats.query';
import { UserStatsQuery } from '../../../users/queries/user-stats/user-stats.query';
import { CreditStatsQuery } from '../../../credits/queries/credit-stats/credit-stats.query';
import { AdminStats, GetStatsQuery } from './get-stats.query';

@QueryHandler(GetStatsQuery)
export class GetStatsHandler implements IQueryHandler<GetStatsQuery> {
  constructor(private readonly queries: QueryBus) {}

  async execute({ range }: GetStatsQuery): Promise<AdminStats> {
    const [users, projects, jobs, credits] = await Promise.all([
      this.queries.execute(new UserStatsQuery(range)),
      this.queries.execute(new ProjectStatsQuery(range)),
      this.queries.execute(new JobStatsQuery(range)),
      this.queries.execute(new CreditStatsQuery(range)),
    ]);
    return { range: { from: range.from.toISOString(), to: range.to.toISOString() }, users, projects, jobs, credits };
  }
}
