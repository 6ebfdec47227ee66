import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '../../../../platform/http/domain-error';
import { Notification } from '../../persistence/notification.entity';
import { MarkReadCommand } from './mark-read.command';

@CommandHandler(MarkReadCommand)
export class MarkReadHandler implements ICommandHandler<MarkReadCommand> {
  constructor(private readonly em: EntityManager) {}

  async execute({ userId, notificationId }: MarkReadCommand): Promise<number> {
    const em = this.em.fork();
    if (notificationId) {
      const exists = await em.count(Notification, { id: notificationId, userId });
      if (!exists) throw new DomainError('NOTIFICATION.NOT_FOUND', 404, 'Not found', 'No such notification.');
      return em.nativeUpdate(Notification, { id: notificationId, userId, readAt: null }, { readAt: new Date() });
    }
    return em.nativeUpdate(Notification, { userId, readAt: null }, { readAt: new Date() });
  }
}
