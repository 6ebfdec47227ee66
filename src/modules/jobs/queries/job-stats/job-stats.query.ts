import { Query } from '@nestjs/cqrs';

export interface JobStats {
  byStatus: Record<string, number>;
  byType: Record<string, Record<string, number>>;
  /** Bull's own counts of the render queue (waiting, active, delayed, failed, ...). */
  queue: Record<string, number>;
  /** Jobs persisted as queued but not yet handed to Bull (waiting for a plan slot). */
  waitingForSlot: number;
  /** Mean of finished - started over jobs completed in the range; null when none. */
  averageProcessingMs: number | null;
  completedInRange: number;
  failedInRange: number;
}

export class JobStatsQuery extends Query<JobStats> {
  constructor(readonly range: { from: Date; to: Date }) {
    super();
  }
}
