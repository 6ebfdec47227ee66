import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { CommandBus } from '@nestjs/cqrs';
import { RENDER_STEPS, type RenderJobProgress } from '@afs/contracts';
import { Job } from '../persistence/job.entity';
import { JobEvents } from '../realtime/job-events';
import { RecordJobStatusCommand } from '../../projects/commands/record-job-status/record-job-status.command';
import type { ProjectStatus } from '../../projects/domain/project-enums';
import { parseBullJobId, RenderQueue } from './render-queue';

/**
 * Turns the runner's Bull progress into the job's status, progress and current step. Progress may
 * be lost without harm (the result is what counts), so Bull's global events are good enough here.
 * Each replica hears every event; only the one whose update changed the row publishes it.
 */
@Injectable()
export class RenderProgressListener implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RenderProgressListener.name);
  private readonly onProgress = (id: string, progress: unknown) => void this.record(id, progress);

  constructor(
    private readonly queue: RenderQueue,
    private readonly orm: MikroORM,
    private readonly commands: CommandBus,
    private readonly events: JobEvents,
  ) {}

  onApplicationBootstrap(): void {
    this.queue.queue.on('global:progress', this.onProgress);
  }

  onModuleDestroy(): void {
    this.queue.queue.removeListener('global:progress', this.onProgress);
  }

  async record(bullId: string, raw: unknown): Promise<void> {
    const id = parseBullJobId(bullId);
    const progress = (typeof raw === 'string' ? safeJson(raw) : raw) as RenderJobProgress | undefined;
    if (!id || !progress || !RENDER_STEPS.includes(progress.step)) return;
    const percent = Math.max(0, Math.min(99, Math.round(progress.overall)));
    try {
      const em = this.orm.em.fork();
      const job = await em.transactional(async (tx) => {
        const changed: { id: string }[] = await tx.execute(
          `update jobs set status = 'processing', progress = greatest(progress, ?), current_step = ?,
                  started_at = coalesce(started_at, now()), updated_at = now()
            where id = ? and attempt = ? and status in ('queued', 'processing')
              and (status <> 'processing' or current_step is distinct from ? or progress < ?)
            returning id`,
          [percent, progress.step, id.jobId, id.attempt, progress.step, percent],
        );
        if (!changed.length) return null;
        const job = await tx.findOneOrFail(Job, id.jobId, { refresh: true });
        await this.commands.execute(new RecordJobStatusCommand(job.projectId, job.id, 'processing', job.projectStatusBefore as ProjectStatus));
        return job;
      });
      if (job) await this.events.published(job);
    } catch (error) {
      this.logger.warn({ err: (error as Error).message, bullId }, 'could not record progress');
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
