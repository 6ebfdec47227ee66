import { Command } from '@nestjs/cqrs';
import type { RequestMeta } from '../../auth/request-meta';

/** What Google's redirect brought back, plus the state cookie of the browser that brought it. */
export class CompleteGoogleSignInCommand extends Command<{ loginCode: string }> {
  constructor(
    readonly code: string | undefined,
    readonly state: string | undefined,
    /** Google's `error` parameter (`access_denied` when the person cancelled). */
    readonly googleError: string | undefined,
    readonly browserKey: string | undefined,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}
