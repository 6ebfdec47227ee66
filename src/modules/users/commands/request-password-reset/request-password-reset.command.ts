import { Command } from '@nestjs/cqrs';
import type { RequestMeta } from '../../auth/request-meta';

export class RequestPasswordResetCommand extends Command<void> {
  constructor(
    readonly email: string,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}
