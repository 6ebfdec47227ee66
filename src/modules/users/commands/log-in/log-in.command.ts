import { Command } from '@nestjs/cqrs';
import type { AuthResult } from '../../auth/auth-tokens';
import type { RequestMeta } from '../../auth/request-meta';

export class LogInCommand extends Command<AuthResult> {
  constructor(
    readonly email: string,
    readonly password: string,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}
