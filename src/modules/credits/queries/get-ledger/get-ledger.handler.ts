import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { decodeCursor, Page, toPage } from '../../../../platform/http/pagination';
import { assertNever, bucketDeltas, CreditEvent } from '../../domain/credit-account';
import { LedgerEntryView } from '../../http/views';
import { asEvent, EventRow, StoredEvent, streamIdOf, toStored } from '../../persistence/event-store';
import { GetLedgerQuery } from './get-ledger.query';

@QueryHandler(GetLedgerQuery)
export class GetLedgerHandler implements IQueryHandler<GetLedgerQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ userId, limit, cursor }: GetLedgerQuery): Promise<Page<LedgerEntryView>> {
    const after = decodeCursor(cursor, { v: 'int' });
    const before = after ? after.v : 2 ** 31 - 1;
    const rows: EventRow[] = await this.em.execute(
      `select * from credit_events where stream_id = ? and version < ? order by version desc limit ?`,
      [streamIdOf(userId), before, limit + 1],
    );
    return toPage(rows.map(toStored), limit, ledgerEntry, (e) => ({ v: e.version }));
  }
}

export function ledgerEntry(stored: StoredEvent): LedgerEntryView {
  const event = asEvent(stored);
  return {
    id: stored.id,
    version: stored.version,
    type: stored.type,
    amounts: bucketDeltas(event),
    ...describe(event),
    occurredAt: stored.occurredAt.toISOString(),
  };
}

function describe(event: CreditEvent): Pick<LedgerEntryView, 'reason' | 'period' | 'jobId' | 'attempt' | 'paymentRef'> {
  switch (event.type) {
    case 'AllowanceGranted':
      return { reason: `${event.data.tier} allowance (${event.data.reason})`, period: event.data.period };
    case 'AllowanceExpired':
      return { reason: 'unused allowance expired', period: event.data.period };
    case 'CreditsPurchased':
      return { reason: `bought pack ${event.data.packId}`, paymentRef: event.data.checkoutSessionId };
    case 'CreditsGranted':
      return { reason: event.data.reason || 'granted by an admin' };
    case 'CreditsReserved':
      return { reason: 'reserved for a job', jobId: event.data.jobId, attempt: event.data.attempt, period: event.data.period };
    case 'ReservationCaptured':
      return { reason: 'spent on a job', jobId: event.data.jobId, attempt: event.data.attempt };
    case 'ReservationReleased':
      return { reason: event.data.reason, jobId: event.data.jobId, attempt: event.data.attempt };
    case 'CreditsRefunded':
      return { reason: event.data.reason, ...(event.data.paymentRef ? { paymentRef: event.data.paymentRef } : {}) };
    case 'TierChanged':
      return { reason: `tier ${event.data.from} -> ${event.data.to} (${event.data.effective})` };
    default:
      return assertNever(event);
  }
}
