import { Inject, Logger } from '@nestjs/common';
import { EventsHandler, IEventHandler, QueryBus } from '@nestjs/cqrs';
import { APP_CONFIG, AppConfig } from '../../../platform/config/config';
import { GetBalanceQuery } from '../../credits/queries/get-balance/get-balance.query';
import { JobFinishedEvent } from '../../jobs/events/job-finished.event';
import { GetProjectQuery } from '../../projects/queries/get-project/get-project.query';
import { GetUserQuery } from '../../users/queries/get-user/get-user.query';
import { Notifier } from '../notifier';

/**
 * Job completed or failed: an in-app notification, a mail when the user wants mail, and a
 * "credits low" note when the last credit went. Cancellations are the user's own act: no note.
 */
@EventsHandler(JobFinishedEvent)
export class JobFinishedHandler implements IEventHandler<JobFinishedEvent> {
  private readonly logger = new Logger(JobFinishedHandler.name);

  constructor(
    private readonly notifier: Notifier,
    private readonly queries: QueryBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async handle(event: JobFinishedEvent): Promise<void> {
    if (event.status === 'cancelled') return;
    try {
      await this.notifyJob(event);
      if (event.status === 'completed') await this.notifyIfCreditsLow(event);
    } catch (error) {
      // EventBus handlers are fire-and-forget; say what was lost rather than fail silently.
      this.logger.error({ err: (error as Error).message, jobId: event.jobId }, 'could not notify about a finished job');
    }
  }

  private async notifyJob(event: JobFinishedEvent): Promise<void> {
    const user = await this.queries.execute(new GetUserQuery(event.userId));
    const project = await this.queries.execute(new GetProjectQuery(event.userId, event.projectId)).catch(() => undefined);
    const title = project?.title ?? 'your project';
    const api = this.config.PUBLIC_URL ?? '';
    const links = {
      job: `${api}/api/v1/jobs/${event.jobId}`,
      assets: `${api}/api/v1/projects/${event.projectId}/assets?jobId=${event.jobId}`,
    };
    const completed = event.status === 'completed';
    const heading = completed ? `"${title}" is ready` : `"${title}" could not be rendered`;
    const body = completed
      ? `Your ${event.type.replace(/_/g, ' ')} finished. Download the film, subtitles and thumbnail from the project's assets.`
      : `The render stopped: ${event.error ?? 'an unknown error'}. Your credits were returned; you can retry the job.`;
    await this.notifier.notify({
      userId: event.userId,
      type: completed ? 'job.completed' : 'job.failed',
      title: heading,
      body,
      data: { jobId: event.jobId, projectId: event.projectId, links, ...(completed ? {} : { error: event.error }) },
      dedupeKey: `job:${event.jobId}:${event.attempt}:${event.status}`,
      mail: user.mailNotifications
        ? { to: user.email, subject: heading, text: `Hello ${user.firstName},\n\n${body}\n\n${links.assets}\n` }
        : undefined,
    });
  }

  private async notifyIfCreditsLow(event: JobFinishedEvent): Promise<void> {
    const balance = await this.queries.execute(new GetBalanceQuery(event.userId));
    if (balance.available >= 1) return;
    await this.notifier.notify({
      userId: event.userId,
      type: 'credits.low',
      title: 'You are out of credits',
      body: `Your monthly allowance comes back on ${balance.periodEnd.slice(0, 10)}; credit packs are available at any time.`,
      data: { available: balance.available, periodEnd: balance.periodEnd },
      // Once per allowance period: a reminder for every job after the last credit would be noise.
      dedupeKey: `credits-low:${balance.period}`,
    });
  }
}
