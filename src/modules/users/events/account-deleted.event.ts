/** Published after an account's deletion commits; for modules forgetting what they hold for it. */
export class AccountDeletedEvent {
  constructor(readonly userId: string) {}
}
