import { Command } from '@nestjs/cqrs';
import type { RequestMeta } from '../../auth/request-meta';

export class ChangePasswordCommand extends Command<void> {
  constructor(
    readonly userId: string,
    readonly sessionId: string,
    readonly currentPassword: string,
    readonly newPassword: string,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}
