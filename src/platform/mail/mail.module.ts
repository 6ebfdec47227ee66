import { Global, Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { OutboxMessage } from './outbox-message.entity';
import { MailOutbox } from './mail-outbox';
import { MailDeliveryWorker } from './mail-delivery.worker';

@Global()
@Module({
  imports: [MikroOrmModule.forFeature([OutboxMessage])],
  providers: [MailOutbox, MailDeliveryWorker],
  exports: [MailOutbox, MailDeliveryWorker],
})
export class MailModule {}
