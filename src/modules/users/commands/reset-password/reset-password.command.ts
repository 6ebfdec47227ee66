import { Command } from '@nestjs/cqrs';
import type { RequestMeta } from '../../auth/request-meta';

export class ResetPasswordCommand extends Command<void> {
  constructor(
    readonly token: string,
    readonly newPassword: string,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}
