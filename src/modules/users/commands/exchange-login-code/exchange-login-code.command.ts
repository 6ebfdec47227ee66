import { Command } from '@nestjs/cqrs';
import type { AuthResult } from '../../auth/auth-tokens';
import type { RequestMeta } from '../../auth/request-meta';

/** Swaps the one-time code from the Google sign-in redirect for a session. */
export class ExchangeLoginCodeCommand extends Command<AuthResult> {
  constructor(
    readonly code: string,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}
