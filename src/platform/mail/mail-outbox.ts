import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { OutboxMessage } from './outbox-message.entity';
import { MAIL_TOPIC, MailMessage } from './mail-message';

/**
 * Queues a mail in the caller's transaction: call it inside `em.transactional(...)` so the mail
 * exists exactly when the change that causes it does.
 */
@Injectable()
export class MailOutbox {
  constructor(private readonly em: EntityManager) {}

  enqueue(message: MailMessage): void {
    const row = new OutboxMessage();
    row.topic = MAIL_TOPIC;
    row.payload = { ...message };
    this.em.persist(row);
  }
}
