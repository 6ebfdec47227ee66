import { Injectable, Logger } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { isUniqueViolation } from '../../platform/database/unique-violation';
import type { MailMessage } from '../../platform/mail/mail-message';
import { MailOutbox } from '../../platform/mail/mail-outbox';
import { RealtimeHub } from '../../platform/realtime/realtime-hub';
import { NotificationView } from './http/notification.view';
import { Notification } from './persistence/notification.entity';

export interface NewNotification {
  userId: string;
  type: string;
  title: string;
  body: string;
  data?: Record<string, unknown>;
  dedupeKey: string;
  /** Queued in the outbox in the same transaction as the notification. */
  mail?: MailMessage;
}

/** Stores a notification (once per dedupe key), queues its mail, then tells the user's live streams. */
@Injectable()
export class Notifier {
  private readonly logger = new Logger(Notifier.name);

  constructor(
    private readonly orm: MikroORM,
    private readonly outbox: MailOutbox,
    private readonly hub: RealtimeHub,
  ) {}

  async notify(input: NewNotification): Promise<NotificationView | null> {
    let saved: Notification;
    try {
      saved = await this.orm.em.fork().transactional(async (em) => {
        const row = em.create(Notification, {
          userId: input.userId,
          type: input.type,
          title: input.title,
          body: input.body,
          data: input.data ?? {},
          dedupeKey: input.dedupeKey,
        });
        await em.flush();
        if (input.mail) this.outbox.enqueue(input.mail);
        return row;
      });
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
    const view = NotificationView.of(saved);
    await this.hub
      .publish(input.userId, { type: 'notification', data: { ...view } })
      .catch((error) => this.logger.warn({ err: (error as Error).message }, 'could not publish a notification'));
    return view;
  }
}
