import { ApiProperty } from '@nestjs/swagger';
import type { Session } from '../persistence/session.entity';

export class SessionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, example: 'Mozilla/5.0 (X11; Linux x86_64)' }) userAgent!: string | null;
  @ApiProperty({ nullable: true, example: '203.0.113.7' }) ip!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() lastUsedAt!: string;
  @ApiProperty() expiresAt!: string;
  @ApiProperty({ description: 'The session this request was made with.' }) current!: boolean;

  static of(session: Session, currentSessionId: string): SessionView {
    return {
      id: session.id,
      userAgent: session.userAgent ?? null,
      ip: session.ip ?? null,
      createdAt: session.createdAt.toISOString(),
      lastUsedAt: session.lastUsedAt.toISOString(),
      expiresAt: session.expiresAt.toISOString(),
      current: session.id === currentSessionId,
    };
  }
}
