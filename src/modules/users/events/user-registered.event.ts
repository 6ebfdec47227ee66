import type { Tier } from '../domain/user-enums';

/** Published after the registration commits; for reactions that may be redone without harm. */
export class UserRegisteredEvent {
  constructor(
    readonly userId: string,
    readonly email: string,
    readonly tier: Tier,
    readonly via: 'password' | 'google' | 'cli',
  ) {}
}
