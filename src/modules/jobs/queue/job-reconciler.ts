import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { MikroORM, LockMode } from '@mikro-orm/postgresql';
import { FindDeletedProjectsQuery } from '../../projects/queries/find-deleted-projects/find-deleted-projects.query';
import { FindDeletedUsersQuery } from '../../users/queries/find-deleted-users/find-deleted-users.query';
import { CancelProjectJobsCommand } from '../commands/cancel-project-jobs/cancel-project-jobs.command';
import { CancelUserJobsCommand } from '../commands/cancel-user-jobs/cancel-user-jobs.command';
import { APP_CONFIG, AppConfig } from '../../../platform/config/config';
import { JobLifecycle } from '../domain/job-lifecycle';
import { Job } from '../persistence/job.entity';
import { JobEvents } from '../realtime/job-events';
import { JobDispatcher } from './job-dispatcher';
import { RenderQueue } from './render-queue';

export interface ReconcileReport {
  reenqueued: number;
  failed: number;
  /** Jobs of deleted projects and accounts whose delete stopped before cancelling them. */
  cancelled: number;
  dispatchedUsers: number;
}

/**
 * PostgreSQL is the truth, Redis only carries jobs. If Redis lost its data (a restart without
 * persistence, a flush), jobs the database says are queued or running are unknown to Bull: they
 * are added again (the runner resumes from the steps already in storage). A job Bull gave up on
 * whose result never arrived is failed and its credits released. Jobs of a project or an account
 * deleted by a process that died before cancelling them are cancelled. Runs at start and on a timer;
 * running it on several replicas at once is harmless (Bull ignores a duplicate job id).
 */
@Injectable()
export class JobReconciler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(JobReconciler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<ReconcileReport>;

  constructor(
    private readonly orm: MikroORM,
    private readonly queue: RenderQueue,
    private readonly dispatcher: JobDispatcher,
    private readonly lifecycle: JobLifecycle,
    private readonly events: JobEvents,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    void this.reconcile();
    this.timer = setInterval(() => void this.reconcile(), this.config.JOB_RECONCILE_INTERVAL_MS);
    this.timer.unref();
  }

  /** Before shutdown hooks, so no pass runs on a closed ORM. */
  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  reconcile(): Promise<ReconcileReport> {
    this.running ??= this.pass()
      .catch((error) => {
        this.logger.error({ err: (error as Error).message }, 'reconcile pass failed');
        return { reenqueued: 0, failed: 0, cancelled: 0, dispatchedUsers: 0 };
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(): Promise<ReconcileReport> {
    const report: ReconcileReport = { reenqueued: 0, failed: 0, cancelled: 0, dispatchedUsers: 0 };
    // Apart, so a failure here never keeps lost jobs from being added again.
    report.cancelled = await this.cancelOrphans().catch((error: Error) => {
      this.logger.error({ err: error.message }, 'could not cancel the jobs of deleted projects and accounts');
      return 0;
    });
    const em = this.orm.em.fork();
    // A grace of a few seconds leaves alone jobs whose add to Bull is in flight right now.
    const live = await em.find(Job, {
      status: { $in: ['queued', 'processing'] },
      enqueuedAt: { $ne: null, $lt: new Date(Date.now() - 2000) },
    });
    for (const job of live) {
      const bullJob = await this.queue.get(job.id, job.attempt);
      const state = bullJob ? await bullJob.getState() : undefined;
      if ((!bullJob || state === 'completed') && job.cancelRequestedAt) {
        // Its cancel was requested while a runner had it, then the queue lost it (and the cancel
        // key with it): ended here rather than rendered again, and a runner still on it told again.
        const cancelled = await this.orm.em.fork().transactional(async (tx) => {
          const locked = await tx.findOne(Job, { id: job.id, attempt: job.attempt, status: { $in: ['queued', 'processing'] } }, { lockMode: LockMode.PESSIMISTIC_WRITE });
          if (locked) await this.lifecycle.cancel(locked, 'cancelled as requested; the queue had lost the job');
          return locked;
        });
        if (cancelled) {
          await this.queue.signalCancel(job.id);
          report.cancelled++;
          await this.events.published(cancelled);
        }
      } else if (!bullJob || state === 'completed') {
        await this.dispatcher.enqueue(job);
        report.reenqueued++;
      } else if (state === 'failed' && bullJob.attemptsMade >= (bullJob.opts.attempts ?? 1)) {
        const failed = await this.orm.em.fork().transactional(async (tx) => {
          const locked = await tx.findOne(Job, { id: job.id, attempt: job.attempt, status: { $in: ['queued', 'processing'] } }, { lockMode: LockMode.PESSIMISTIC_WRITE });
          if (locked) await this.lifecycle.fail(locked, bullJob.failedReason ?? 'the render failed');
          return locked;
        });
        if (failed) {
          report.failed++;
          await this.events.published(failed);
        }
      }
    }
    const waiting: { user_id: string }[] = await em
      .getConnection()
      .execute(`select distinct user_id from jobs where status = 'queued' and enqueued_at is null`);
    for (const { user_id } of waiting) {
      if ((await this.dispatcher.dispatch(user_id)) > 0) report.dispatchedUsers++;
    }
    if (report.reenqueued || report.failed || report.cancelled) this.logger.warn(report, 'reconciled jobs with the queue');
    return report;
  }

  /**
   * Deleting a project or an account commits the delete, then cancels its jobs; a process that dies
   * in between leaves jobs that would render for nobody with their credits reserved.
   */
  private async cancelOrphans(): Promise<number> {
    // Jobs already told to stop are the runner's to end: asking again each pass would signal them
    // again and again.
    const unfinished: { project_id: string; user_id: string }[] = await this.orm.em
      .fork()
      .getConnection()
      .execute(`select distinct project_id, user_id from jobs where status in ('queued', 'processing') and cancel_requested_at is null`);
    const users = await this.queries.execute(new FindDeletedUsersQuery([...new Set(unfinished.map((j) => j.user_id))]));
    const projects = await this.queries.execute(
      new FindDeletedProjectsQuery(unfinished.filter((j) => !users.includes(j.user_id)).map((j) => j.project_id)),
    );
    let cancelled = 0;
    for (const userId of users) cancelled += await this.commands.execute(new CancelUserJobsCommand(userId, 'account deleted'));
    for (const projectId of new Set(projects)) cancelled += await this.commands.execute(new CancelProjectJobsCommand(projectId, 'project deleted'));
    return cancelled;
  }
}
