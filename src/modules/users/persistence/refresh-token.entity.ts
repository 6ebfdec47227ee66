import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Session } from './session.entity';
import { randomUUID } from 'node:crypto';

/**
 * Every refresh token a session has been given, stored as a SHA-256 hash. A token that was
 * already rotated and comes back is the sign of a stolen token: the whole session is revoked.
 */
@Entity({ tableName: 'refresh_tokens' })
@Index({ properties: ['sessionId'] })
export class RefreshToken {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  // A relation (not a bare uuid) so the unit of work inserts the session before its token.
  @ManyToOne(() => Session, { mapToPk: true, fieldName: 'session_id' })
  sessionId!: string;

  @Property({ type: 'text', unique: true })
  tokenHash!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  rotatedAt?: Date | null;
}
