import { isDeepStrictEqual } from 'node:util';
import { Inject } from '@nestjs/common';
import { CommandBus, CommandHandler, ICommandHandler, QueryBus } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { APP_CONFIG, AppConfig } from '../../../../platform/config/config';
import { isUniqueViolation } from '../../../../platform/database/unique-violation';
import { ReserveCreditsCommand } from '../../../credits/commands/reserve-credits/reserve-credits.command';
import { GetRenderableProjectQuery } from '../../../projects/queries/get-renderable-project/get-renderable-project.query';
import { jobCost } from '../../domain/job-costs';
import { JobLifecycle } from '../../domain/job-lifecycle';
import { JobErrors } from '../../errors';
import { JobView } from '../../http/job.view';
import { Job } from '../../persistence/job.entity';
import { JobDispatcher } from '../../queue/job-dispatcher';
import { JobEvents } from '../../realtime/job-events';
import { SubmitJobCommand, SubmitJobResult } from './submit-job.command';

/**
 * Persist the job, reserve its credits and mark the project, all in one transaction: when the
 * reservation is refused (402) nothing is left behind. Then hand it to Bull if the owner's plan
 * has a free slot.
 */
@CommandHandler(SubmitJobCommand)
export class SubmitJobHandler implements ICommandHandler<SubmitJobCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly lifecycle: JobLifecycle,
    private readonly dispatcher: JobDispatcher,
    private readonly events: JobEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(command: SubmitJobCommand): Promise<SubmitJobResult> {
    const earlier = await this.findByKey(command);
    if (earlier) return this.replay(earlier, command);
    let job: Job;
    try {
      job = await this.em.transactional(async (em) => {
        const project = await this.queries.execute(new GetRenderableProjectQuery(command.userId, command.projectId));
        const baseJobId = command.type === 'full_generation' ? null : await this.baseRender(em, command, project.version);
        const created = em.create(Job, {
          projectId: project.projectId,
          userId: command.userId,
          type: command.type,
          priority: command.priority,
          parameters: command.parameters,
          projectVersion: project.version,
          projectStatusBefore: project.status,
          baseJobId,
          cost: jobCost(this.config, command.type),
          idempotencyKey: command.idempotencyKey ?? null,
        });
        await em.flush();
        if (created.cost > 0) {
          await this.commands.execute(
            new ReserveCreditsCommand({ userId: command.userId, jobId: created.id, attempt: created.attempt, amount: created.cost }),
          );
        }
        await this.lifecycle.recordProjectStatus(created);
        return created;
      });
    } catch (error) {
      // Two submissions with one Idempotency-Key at once: the unique index picks one.
      if (command.idempotencyKey && isUniqueViolation(error)) {
        const winner = await this.findByKey(command);
        if (winner) return this.replay(winner, command);
      }
      throw error;
    }
    await this.events.published(job);
    await this.dispatcher.dispatch(command.userId);
    const fresh = await this.em.fork().findOneOrFail(Job, job.id);
    return { job: JobView.of(fresh), created: true };
  }

  /**
   * The job first submitted with this Idempotency-Key. A key sent again with another project,
   * type, priority or parameters is a client bug, not a resubmission: answering with the first job
   * would tell the client its new request was accepted.
   */
  private replay(earlier: Job, command: SubmitJobCommand): SubmitJobResult {
    const same =
      earlier.projectId === command.projectId &&
      earlier.type === command.type &&
      earlier.priority === command.priority &&
      isDeepStrictEqual(earlier.parameters, command.parameters);
    if (!same) throw JobErrors.idempotencyKeyReused();
    return { job: JobView.of(earlier), created: false };
  }

  private findByKey(command: SubmitJobCommand): Promise<Job | null> {
    if (!command.idempotencyKey) return Promise.resolve(null);
    return this.em.fork().findOne(Job, { userId: command.userId, idempotencyKey: command.idempotencyKey });
  }

  /** Single-step jobs re-render one step of the latest finished film of this script version. */
  private async baseRender(em: EntityManager, command: SubmitJobCommand, version: number): Promise<string> {
    const base = await em.findOne(
      Job,
      { projectId: command.projectId, type: 'full_generation', status: 'completed', projectVersion: version },
      { orderBy: { finishedAt: 'desc' } },
    );
    if (!base) throw JobErrors.noBaseRender(command.type);
    return base.id;
  }
}
