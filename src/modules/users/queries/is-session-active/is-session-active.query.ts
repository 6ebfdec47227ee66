import { Query } from '@nestjs/cqrs';

/** For long-lived connections (SSE): is this session still signed in, and its account active? */
export class IsSessionActiveQuery extends Query<boolean> {
  constructor(
    readonly userId: string,
    readonly sessionId: string,
  ) {
    super();
  }
}
