import { ApiProperty } from '@nestjs/swagger';
import type { Notification } from '../persistence/notification.entity';

export class NotificationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'job.completed' }) type!: string;
  @ApiProperty() title!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
  @ApiProperty() read!: boolean;
  @ApiProperty() createdAt!: string;

  static of(n: Notification): NotificationView {
    return {
      id: n.id,
      type: n.type,
      title: n.title,
      body: n.body,
      data: n.data,
      read: Boolean(n.readAt),
      createdAt: n.createdAt.toISOString(),
    };
  }
}
