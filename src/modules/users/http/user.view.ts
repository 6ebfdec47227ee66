import { ApiProperty } from '@nestjs/swagger';
import { TIERS, ROLES, USER_STATUSES } from '../domain/user-enums';
import type { Tier, UserRole, UserStatus } from '../domain/user-enums';
import type { User } from '../persistence/user.entity';

export class UserView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'ada@example.com' }) email!: string;
  @ApiProperty({ example: 'Ada' }) firstName!: string;
  @ApiProperty({ example: 'Lovelace' }) lastName!: string;
  @ApiProperty({ enum: TIERS }) tier!: Tier;
  @ApiProperty({ enum: ROLES }) role!: UserRole;
  @ApiProperty({ enum: USER_STATUSES }) status!: UserStatus;
  @ApiProperty() mailNotifications!: boolean;
  @ApiProperty({ description: 'False for accounts that only sign in with Google.' }) hasPassword!: boolean;
  @ApiProperty() googleLinked!: boolean;
  @ApiProperty() createdAt!: string;

  static of(user: User): UserView {
    return {
      id: user.id,
      email: user.email,
      firstName: user.firstName,
      lastName: user.lastName,
      tier: user.tier,
      role: user.role,
      status: user.status,
      mailNotifications: user.mailNotifications,
      hasPassword: Boolean(user.passwordHash),
      googleLinked: Boolean(user.googleSubject),
      createdAt: user.createdAt.toISOString(),
    };
  }
}
