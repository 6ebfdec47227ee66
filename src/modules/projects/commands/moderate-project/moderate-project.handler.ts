import { CommandBus, CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { DomainError } from '../../../../platform/http/domain-error';
import { RecordAuditCommand } from '../../../audit/commands/record-audit/record-audit.command';
import { CancelProjectJobsCommand } from '../../../jobs/commands/cancel-project-jobs/cancel-project-jobs.command';
import { ModerationWordList } from '../../domain/moderation';
import { ProjectErrors } from '../../errors';
import { Project } from '../../persistence/project.entity';
import { ModerationItemView } from '../../queries/list-moderation/moderation-item.view';
import { ModerateProjectCommand } from './moderate-project.command';
import { ProjectModeratedEvent } from './project-moderated.event';

const conflict = (decision: string, state: string) =>
  new DomainError('PROJECT.MODERATION_CONFLICT', 409, 'Nothing to moderate', `A project that is ${state} cannot be ${decision === 'approve' ? 'approved' : 'rejected'}.`, {
    moderationState: state,
  });

@CommandHandler(ModerateProjectCommand)
export class ModerateProjectHandler implements ICommandHandler<ModerateProjectCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly commandBus: CommandBus,
    private readonly words: ModerationWordList,
    private readonly events: EventBus,
  ) {}

  async execute({ actorId, projectId, decision, reason, context }: ModerateProjectCommand): Promise<ModerationItemView> {
    const view = await this.em.transactional(async (em) => {
      const project = await em.findOne(
        Project,
        { id: projectId, deletedAt: null },
        { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['script'] },
      );
      if (!project) throw ProjectErrors.notFound();
      const allowed = decision === 'approve' ? ['pending', 'rejected'] : ['none', 'pending', 'approved'];
      if (!allowed.includes(project.moderationState)) throw conflict(decision, project.moderationState);
      const before = { moderationState: project.moderationState, moderationReason: project.moderationReason ?? null };
      project.moderationState = decision === 'approve' ? 'approved' : 'rejected';
      project.moderationReason = decision === 'approve' ? null : reason;
      await em.flush();
      await this.commandBus.execute(
        new RecordAuditCommand({
          actorId,
          action: decision === 'approve' ? 'project.approved' : 'project.rejected',
          targetType: 'project',
          targetId: projectId,
          before,
          after: { moderationState: project.moderationState, moderationReason: project.moderationReason ?? null, ownerId: project.userId },
          reason,
          context,
        }),
      );
      return ModerationItemView.from(project, this.words.matches(project.title, project.script));
    });
    // A rejected project may not be rendered: its jobs still waiting or running stop and release their credits.
    if (decision === 'reject') await this.commandBus.execute(new CancelProjectJobsCommand(projectId, 'rejected by moderation'));
    this.events.publish(
      new ProjectModeratedEvent(view.id, view.userId, view.title, decision === 'approve' ? 'approved' : 'rejected', reason, actorId),
    );
    return view;
  }
}
