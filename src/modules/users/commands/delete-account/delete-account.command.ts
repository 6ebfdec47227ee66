import { Command } from '@nestjs/cqrs';
import type { RequestMeta } from '../../auth/request-meta';

export class DeleteAccountCommand extends Command<void> {
  constructor(
    readonly userId: string,
    readonly password: string | undefined,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}
