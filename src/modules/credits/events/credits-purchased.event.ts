/**
 * Published after a purchase is in the ledger (also when a repeat of the same Stripe event returns
 * the first result: `ledgerEventId` is the same, so reactions can tell). For notifications only.
 */
export class CreditsPurchasedEvent {
  constructor(
    readonly userId: string,
    readonly credits: number,
    readonly amountPaid: number,
    readonly currency: string,
    readonly ledgerEventId: string,
  ) {}
}
