import { Inject, Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthenticatedUser } from '../../../platform/auth/authenticated-user';
import { APP_CONFIG, AppConfig } from '../../../platform/config/config';
import type { RealtimeEvent } from '../../../platform/realtime/realtime-event';
import { RealtimeHub } from '../../../platform/realtime/realtime-hub';
import { SseStreams } from '../../../platform/realtime/sse-streams';
import { IsSessionActiveQuery } from '../../users/queries/is-session-active/is-session-active.query';
import { FINAL_JOB_STATUSES, type JobStatus } from '@afs/contracts';
import type { JobView } from '../http/job.view';
import { jobEventType } from './job-events';

/** A user's live stream, all jobs or one; it ends when the session ends (logout, suspension). */
@Injectable()
export class JobEventStreams {
  constructor(
    private readonly hub: RealtimeHub,
    private readonly streams: SseStreams,
    private readonly queries: QueryBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Every event about the user's jobs from now on. */
  open(request: FastifyRequest, reply: FastifyReply, user: AuthenticatedUser): void {
    this.streams.start(request, reply, { ...this.common(user), subscribe: (send) => this.hub.listen(user.id, send) });
  }

  /**
   * One job: its state now, then every change. It listens before it reads the job, so a change
   * committed between the read and the subscription (the job's end, say) cannot be missed and leave
   * the client waiting for ever; what it heard while reading is sent after the state when newer.
   * `read` throws (404) before anything is written.
   */
  async openJob(request: FastifyRequest, reply: FastifyReply, user: AuthenticatedUser, jobId: string, read: () => Promise<JobView>): Promise<void> {
    const heard: RealtimeEvent[] = [];
    let deliver: (event: RealtimeEvent) => void = (event) => heard.push(event);
    // Events carry the stored, lower-case id; the path may spell the uuid in capitals.
    const id = jobId.toLowerCase();
    const unsubscribe = this.hub.listen(user.id, (event) => {
      if (event.data.jobId === id) deliver(event);
    });
    let job: JobView;
    try {
      job = await read();
    } catch (error) {
      unsubscribe();
      throw error;
    }
    const now = stateEvent(job);
    this.streams.start(request, reply, {
      ...this.common(user),
      initial: [now, ...heard.filter((event) => isNewer(event, now))],
      subscribe: (send) => {
        deliver = send;
        return unsubscribe;
      },
    });
  }

  private common(user: AuthenticatedUser) {
    return {
      heartbeatMs: this.config.SSE_HEARTBEAT_MS,
      stillAllowed: () => this.queries.execute(new IsSessionActiveQuery(user.id, user.sessionId)),
    };
  }
}

const isFinal = (status: unknown) => FINAL_JOB_STATUSES.includes(status as JobStatus);

function stateEvent(job: JobView): RealtimeEvent {
  return {
    type: jobEventType(job.status as JobStatus),
    data: { jobId: job.id, projectId: job.projectId, type: job.type, status: job.status, progress: job.progress, currentStep: job.currentStep, attempt: job.attempt },
  };
}

/** Later than `than` in the job's life: a later attempt, the end of this one, or further progress in it. */
function isNewer(event: RealtimeEvent, than: RealtimeEvent): boolean {
  const [a, b] = [event.data, than.data];
  if (a.attempt !== b.attempt) return Number(a.attempt) > Number(b.attempt);
  if (isFinal(b.status)) return false;
  return isFinal(a.status) || Number(a.progress) > Number(b.progress) || (a.status !== b.status && a.status === 'processing');
}
