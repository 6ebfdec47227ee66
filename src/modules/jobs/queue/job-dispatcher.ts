import { Inject, Injectable, Logger } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { MikroORM } from '@mikro-orm/postgresql';
import { JOB_TYPE_STEPS, type JobPriority } from '@afs/contracts';
import { APP_CONFIG, AppConfig } from '../../../platform/config/config';
import { GetUserQuery } from '../../users/queries/get-user/get-user.query';
import { GetProjectVersionQuery } from '../../projects/queries/get-project-version/get-project-version.query';
import { concurrencyLimit } from '../domain/job-costs';
import { Job } from '../persistence/job.entity';
import { RenderQueue } from './render-queue';

/** Enough for any sequence of re-rendered steps a person makes between two full films. */
const NEWER_JOBS_LIMIT = 20;

/**
 * Hands a user's waiting jobs to Bull while their plan has free slots (free 1, pro 3, ...),
 * highest priority first. Slots are counted under a per-user advisory lock, so two replicas
 * dispatching at once do not overfill them. A job marked enqueued whose add to Bull then fails
 * is re-added by the reconciler.
 */
@Injectable()
export class JobDispatcher {
  private readonly logger = new Logger(JobDispatcher.name);

  constructor(
    private readonly orm: MikroORM,
    private readonly queries: QueryBus,
    private readonly queue: RenderQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async dispatch(userId: string): Promise<number> {
    const user = await this.queries.execute(new GetUserQuery(userId)).catch(() => undefined);
    const limit = concurrencyLimit(this.config, user?.tier ?? 'free');
    const em = this.orm.em.fork();
    const picked = await em.transactional(async (tx) => {
      // tx.execute (not getConnection().execute) runs on the transaction's connection, so the lock lasts until commit.
      await tx.execute(`select pg_advisory_xact_lock(hashtext('jobs:dispatch:' || ?))`, [userId]);
      const running = await tx.count(Job, { userId, status: { $in: ['queued', 'processing'] }, enqueuedAt: { $ne: null } });
      if (running >= limit) return [];
      const waiting = await tx.find(
        Job,
        { userId, status: 'queued', enqueuedAt: null },
        { orderBy: { priority: 'desc', createdAt: 'asc' }, limit: limit - running },
      );
      waiting.forEach((job) => (job.enqueuedAt = new Date()));
      return waiting;
    });
    for (const job of picked) await this.enqueue(job).catch((error) =>
      this.logger.error({ err: (error as Error).message, jobId: job.id }, 'enqueue failed; the reconciler will retry'),
    );
    return picked.length;
  }

  async enqueue(job: Job): Promise<void> {
    const version = await this.queries.execute(new GetProjectVersionQuery(job.projectId, job.projectVersion));
    const newerJobIds = job.baseJobId ? await this.jobsNewerThanBase(job, job.baseJobId) : [];
    await this.queue.add(
      {
        jobId: job.id,
        attempt: job.attempt,
        projectId: job.projectId,
        userId: job.userId,
        type: job.type,
        title: version.title,
        script: version.script,
        options: version.options,
        steps: JOB_TYPE_STEPS[job.type],
        ...(job.baseJobId ? { baseJobId: job.baseJobId } : {}),
        ...(newerJobIds.length ? { newerJobIds } : {}),
      },
      job.priority as JobPriority,
    );
  }

  /**
   * The project's jobs on the same script that completed after the base film, newest first: the
   * runner takes their steps before the base's, so stills from an image_generation reach the next
   * video_composition. The runner checks what each one holds; here they are only found.
   */
  private async jobsNewerThanBase(job: Job, baseJobId: string): Promise<string[]> {
    const em = this.orm.em.fork();
    const base = await em.findOne(Job, baseJobId, { fields: ['finishedAt'] });
    if (!base?.finishedAt) return [];
    const newer = await em.find(
      Job,
      {
        projectId: job.projectId,
        userId: job.userId,
        projectVersion: job.projectVersion,
        status: 'completed',
        finishedAt: { $gt: base.finishedAt },
        id: { $ne: job.id },
      },
      { orderBy: { finishedAt: 'desc' }, limit: NEWER_JOBS_LIMIT, fields: ['id'] },
    );
    return newer.map((other) => other.id);
  }
}
