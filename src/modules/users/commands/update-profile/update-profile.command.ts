import { Command } from '@nestjs/cqrs';
import type { UserView } from '../../http/user.view';

export interface ProfileChanges {
  firstName?: string;
  lastName?: string;
  mailNotifications?: boolean;
}

export class UpdateProfileCommand extends Command<UserView> {
  constructor(
    readonly userId: string,
    readonly changes: ProfileChanges,
  ) {
    super();
  }
}
