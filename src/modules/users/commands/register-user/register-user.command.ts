import { Command } from '@nestjs/cqrs';
import type { AuthResult } from '../../auth/auth-tokens';
import type { RequestMeta } from '../../auth/request-meta';

export class RegisterUserCommand extends Command<AuthResult> {
  constructor(
    readonly email: string,
    readonly password: string,
    readonly firstName: string,
    readonly lastName: string,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}
