import { Query } from '@nestjs/cqrs';

export interface ProjectStats {
  total: number;
  byStatus: Record<string, number>;
  byModerationState: Record<string, number>;
  createdInRange: number;
}

/** Counts of live (not deleted) projects, for the admin dashboard. */
export class ProjectStatsQuery extends Query<ProjectStats> {
  constructor(readonly range: { from: Date; to: Date }) {
    super();
  }
}
