import { Inject, Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthenticatedUser } from '../../../platform/auth/authenticated-user';
import { APP_CONFIG, AppConfig } from '../../../platform/config/config';
import { RealtimeHub } from '../../../platform/realtime/realtime-hub';
import { openSseStream } from '../../../platform/realtime/sse-stream';
import { IsSessionActiveQuery } from '../../users/queries/is-session-active/is-session-active.query';
import type { JobView } from '../http/job.view';

/** A user's live stream, all jobs or one; it ends when the session ends (logout, suspension). */
@Injectable()
export class JobEventStreams {
  constructor(
    private readonly hub: RealtimeHub,
    private readonly queries: QueryBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  open(request: FastifyRequest, reply: FastifyReply, user: AuthenticatedUser, job?: JobView): void {
    openSseStream(request, reply, {
      heartbeatMs: this.config.SSE_HEARTBEAT_MS,
      stillAllowed: () => this.queries.execute(new IsSessionActiveQuery(user.id, user.sessionId)),
      initial: job
        ? [{ type: eventTypeFor(job.status), data: { jobId: job.id, projectId: job.projectId, type: job.type, status: job.status, progress: job.progress, currentStep: job.currentStep, attempt: job.attempt } }]
        : [],
      subscribe: (send) =>
        this.hub.listen(user.id, (event) => {
          if (!job || event.data.jobId === job.id) send(event);
        }),
    });
  }
}

function eventTypeFor(status: string): string {
  return status === 'completed' || status === 'failed' || status === 'cancelled' ? `job.${status}` : 'job.progress';
}
