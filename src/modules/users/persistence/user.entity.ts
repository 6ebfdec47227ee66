import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { Tier, UserRole, UserStatus } from '../domain/user-enums';

@Entity({ tableName: 'users' })
export class User {
  [OptionalProps]?: 'tier' | 'role' | 'status' | 'mailNotifications' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Stored lower-cased; unique among accounts that are not deleted. */
  @Property({ type: 'text' })
  email!: string;

  @Property({ type: 'text', nullable: true, hidden: true })
  passwordHash?: string | null;

  @Property({ type: 'text' })
  firstName!: string;

  @Property({ type: 'text' })
  lastName!: string;

  @Property({ type: 'text' })
  tier: Tier = 'free';

  @Property({ type: 'text' })
  role: UserRole = 'user';

  @Property({ type: 'text' })
  status: UserStatus = 'active';

  @Property({ type: 'text', nullable: true })
  suspendedReason?: string | null;

  @Property({ type: 'text', nullable: true })
  googleSubject?: string | null;

  @Property({ type: 'boolean' })
  mailNotifications = true;

  @Property({ type: 'timestamptz', nullable: true })
  lastLoginAt?: Date | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  deletedAt?: Date | null;
}
