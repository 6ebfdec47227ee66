import { Logger } from '@nestjs/common';
import { EventsHandler, IEventHandler } from '@nestjs/cqrs';
import { ProjectModeratedEvent } from '../../projects/commands/moderate-project/project-moderated.event';
import { Notifier } from '../notifier';

/** Tells the owner what the moderator decided, with the reason when rejected. */
@EventsHandler(ProjectModeratedEvent)
export class ProjectModeratedHandler implements IEventHandler<ProjectModeratedEvent> {
  private readonly logger = new Logger(ProjectModeratedHandler.name);

  constructor(private readonly notifier: Notifier) {}

  async handle(event: ProjectModeratedEvent): Promise<void> {
    const approved = event.decision === 'approved';
    try {
      await this.notifier.notify({
        userId: event.ownerId,
        type: approved ? 'project.approved' : 'project.rejected',
        title: approved ? `"${event.title}" was approved` : `"${event.title}" was rejected`,
        body: approved
          ? 'A moderator approved your project: you can render it now.'
          : `A moderator rejected your project${event.reason ? `: ${event.reason}` : ''}. It cannot be rendered.`,
        data: { projectId: event.projectId, ...(event.reason ? { reason: event.reason } : {}) },
        dedupeKey: `project:${event.projectId}:${event.decision}:${Date.now()}`,
      });
    } catch (error) {
      this.logger.error({ err: (error as Error).message, projectId: event.projectId }, 'could not notify about moderation');
    }
  }
}
