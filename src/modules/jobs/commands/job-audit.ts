import type { AuditEntry } from '../../audit/commands/record-audit/record-audit.command';
import { RecordAuditCommand } from '../../audit/commands/record-audit/record-audit.command';
import type { Job } from '../persistence/job.entity';

/** Who acts on a job on someone else's behalf (an admin): recorded in the action's own transaction. */
export type JobActionAudit = Pick<AuditEntry, 'actorId' | 'action' | 'reason' | 'context'> & { extra?: Record<string, unknown> };

export const jobAuditState = (job: Job) => ({ status: job.status, attempt: job.attempt, cost: job.cost, error: job.error ?? null });

export function jobAuditCommand(audit: JobActionAudit, job: Job, before: Record<string, unknown>): RecordAuditCommand {
  const { status, attempt, cost } = jobAuditState(job);
  return new RecordAuditCommand({
    actorId: audit.actorId,
    action: audit.action,
    targetType: 'job',
    targetId: job.id,
    before,
    after: { status, attempt, cost, ...(audit.extra ?? {}) },
    reason: audit.reason ?? null,
    context: audit.context ?? null,
  });
}
