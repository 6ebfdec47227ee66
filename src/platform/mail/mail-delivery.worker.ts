import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import nodemailer, { Transporter } from 'nodemailer';
import { APP_CONFIG, AppConfig } from '../config/config';
import { MAIL_TOPIC, MailMessage } from './mail-message';

const BATCH = 20;
const MAX_BACKOFF_SECONDS = 3600;

/**
 * Delivers queued mail over SMTP. Rows are claimed with FOR UPDATE SKIP LOCKED, so any number of
 * API replicas can run this without sending a message twice; a failure is retried with
 * exponential backoff until OUTBOX_MAX_ATTEMPTS, then left as failed for an operator.
 */
@Injectable()
export class MailDeliveryWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(MailDeliveryWorker.name);
  private transport?: Transporter;
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly orm: MikroORM,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.SMTP_URL) {
      this.logger.warn('SMTP_URL is not set: mail stays queued in the outbox');
      return;
    }
    this.transport = nodemailer.createTransport(this.config.SMTP_URL);
    this.timer = setInterval(() => {
      this.deliverDue().catch((error) => this.logger.error({ err: (error as Error).message }, 'mail delivery pass failed'));
    }, this.config.OUTBOX_POLL_MS);
    this.timer.unref();
  }

  /** Stops before shutdown hooks run, so no pass starts after the ORM closes its pool. */
  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
    this.transport?.close();
  }

  /** One pass over the due messages; returns how many were delivered. */
  deliverDue(): Promise<number> {
    if (!this.transport) return Promise.resolve(0);
    // One pass at a time per process; other replicas are kept apart by the row locks.
    this.running ??= this.deliverBatch().finally(() => (this.running = undefined));
    return this.running;
  }

  private async deliverBatch(): Promise<number> {
    const em = this.orm.em.fork();
    let delivered = 0;
    await em.transactional(async (tx) => {
      const rows: { id: string; payload: MailMessage; attempts: number }[] = await tx.execute(
        `select id, payload, attempts from outbox
          where topic = ? and status = 'pending' and next_attempt_at <= now()
          order by next_attempt_at limit ? for update skip locked`,
        [MAIL_TOPIC, BATCH],
      );
      for (const row of rows) {
        try {
          await this.transport!.sendMail({ from: this.config.MAIL_FROM, ...row.payload });
          await tx.execute(`update outbox set status = 'delivered', delivered_at = now(), attempts = attempts + 1, last_error = null where id = ?`, [row.id]);
          delivered++;
        } catch (error) {
          const attempts = row.attempts + 1;
          const failed = attempts >= this.config.OUTBOX_MAX_ATTEMPTS;
          const backoff = Math.min(2 ** attempts * 5, MAX_BACKOFF_SECONDS);
          await tx.execute(
            `update outbox set attempts = ?, status = ?, last_error = ?,
               next_attempt_at = now() + make_interval(secs => ?) where id = ?`,
            [attempts, failed ? 'failed' : 'pending', (error as Error).message.slice(0, 1000), backoff, row.id],
          );
          this.logger.warn({ id: row.id, attempts, err: (error as Error).message }, 'mail delivery failed');
        }
      }
    });
    return delivered;
  }
}
