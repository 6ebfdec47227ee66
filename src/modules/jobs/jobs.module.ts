import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bull';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { QUEUES } from '@afs/contracts';
import { Job } from './persistence/job.entity';
import { JobLifecycle } from './domain/job-lifecycle';
import { RenderQueue } from './queue/render-queue';
import { JobDispatcher } from './queue/job-dispatcher';
import { JobResultsProcessor } from './queue/job-results.processor';
import { RenderProgressListener } from './queue/render-progress.listener';
import { JobReconciler } from './queue/job-reconciler';
import { JobEvents } from './realtime/job-events';
import { JobEventStreams } from './realtime/job-event-streams';
import { SubmitJobHandler } from './commands/submit-job/submit-job.handler';
import { CancelJobHandler } from './commands/cancel-job/cancel-job.handler';
import { JobCanceller } from './commands/cancel-job/job-canceller';
import { CancelProjectJobsHandler } from './commands/cancel-project-jobs/cancel-project-jobs.handler';
import { CancelUserJobsHandler } from './commands/cancel-user-jobs/cancel-user-jobs.handler';
import { RetryJobHandler } from './commands/retry-job/retry-job.handler';
import { ApplyJobResultHandler } from './commands/apply-job-result/apply-job-result.handler';
import { GetJobHandler } from './queries/get-job/get-job.handler';
import { ListJobsHandler } from './queries/list-jobs/list-jobs.handler';
import { ListFailedJobsHandler } from './queries/list-failed-jobs/list-failed-jobs.handler';
import { JobStatsHandler } from './queries/job-stats/job-stats.handler';
import { GetLatestFilmJobHandler } from './queries/get-latest-film-job/get-latest-film-job.handler';
import { ProjectJobsController } from './http/project-jobs.controller';
import { JobsController } from './http/jobs.controller';
import { EventsController } from './http/events.controller';

@Module({
  imports: [
    MikroOrmModule.forFeature([Job]),
    BullModule.registerQueue({ name: QUEUES.render }, { name: QUEUES.jobResults }),
  ],
  controllers: [ProjectJobsController, JobsController, EventsController],
  providers: [
    JobLifecycle,
    RenderQueue,
    JobDispatcher,
    JobResultsProcessor,
    RenderProgressListener,
    JobReconciler,
    JobEvents,
    JobEventStreams,
    JobCanceller,
    SubmitJobHandler,
    CancelJobHandler,
    CancelProjectJobsHandler,
    CancelUserJobsHandler,
    RetryJobHandler,
    ApplyJobResultHandler,
    GetJobHandler,
    ListJobsHandler,
    ListFailedJobsHandler,
    JobStatsHandler,
    GetLatestFilmJobHandler,
  ],
  exports: [JobReconciler],
})
export class JobsModule {}
