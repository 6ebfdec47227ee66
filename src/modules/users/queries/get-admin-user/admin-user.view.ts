import { ApiProperty } from '@nestjs/swagger';
import { UserView } from '../../http/user.view';
import type { User } from '../../persistence/user.entity';

/** What an admin sees of an account: the profile plus the fields only staff need. */
export class AdminUserView extends UserView {
  @ApiProperty({ nullable: true }) suspendedReason!: string | null;
  @ApiProperty({ nullable: true }) lastLoginAt!: string | null;
  @ApiProperty() updatedAt!: string;

  static override of(user: User): AdminUserView {
    return {
      ...UserView.of(user),
      suspendedReason: user.suspendedReason ?? null,
      lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
      updatedAt: user.updatedAt.toISOString(),
    };
  }
}
