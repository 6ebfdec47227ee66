import { Query } from '@nestjs/cqrs';
import type { JobStats } from '../../../jobs/queries/job-stats/job-stats.query';
import type { ProjectStats } from '../../../projects/queries/project-stats/project-stats.query';
import type { UserStats } from '../../../users/queries/user-stats/user-stats.query';
import type { CreditStats } from '../../../credits/queries/credit-stats/credit-stats.query';

export interface AdminStats {
  range: { from: string; to: string };
  users: UserStats;
  projects: ProjectStats;
  jobs: JobStats;
  credits: CreditStats;
}

/** The dashboard figures, each from a query of the module that owns them. */
export class GetStatsQuery extends Query<AdminStats> {
  constructor(readonly range: { from: Date; to: Date }) {
    super();
  }
}
