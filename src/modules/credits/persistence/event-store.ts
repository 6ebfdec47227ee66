import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { CreditAccountState, CreditEvent, CreditEventType, evolve, initialState } from '../domain/credit-account';

/** Who and what caused an event; kept with it so the ledger explains itself. */
export interface EventMetadata {
  actorId?: string | null;
  correlationId?: string | null;
  causationId?: string | null;
  /** A digest of the request that appended the event, to refuse a key reused for another request. */
  fingerprint?: string;
  source?: string;
}

export interface StoredEvent<E extends CreditEvent = CreditEvent> {
  id: string;
  streamId: string;
  version: number;
  type: E['type'];
  data: E['data'];
  metadata: EventMetadata;
  idempotencyKey: string;
  occurredAt: Date;
}

export interface NewEvent {
  event: CreditEvent;
  idempotencyKey: string;
  metadata: EventMetadata;
}

/** The expected version did not hold: someone appended to the stream meanwhile. */
export class StreamVersionConflict extends Error {
  constructor(readonly streamId: string, readonly expectedVersion: number) {
    super(`stream ${streamId} is no longer at version ${expectedVersion}`);
  }
}

/** An idempotency key (or another one-time guard, such as a Checkout Session) was already used. */
export class DuplicateEvent extends Error {
  constructor(readonly constraint: string) {
    super(`duplicate event (${constraint})`);
  }
}

export interface EventRow {
  id: string;
  stream_id: string;
  version: number;
  type: CreditEventType;
  payload: CreditEvent['data'];
  metadata: EventMetadata;
  idempotency_key: string;
  occurred_at: Date | string;
}

/** Bump when the shape of `CreditAccountState` changes: older snapshots are then ignored. */
const SNAPSHOT_SCHEMA = 1;
/** A snapshot is written whenever a stream crosses a multiple of this many events. */
export const SNAPSHOT_EVERY = 25;

export const streamIdOf = (userId: string) => `credits-${userId}`;
export const userIdOf = (streamId: string) => streamId.slice('credits-'.length);

export function toStored(row: EventRow): StoredEvent {
  return {
    id: row.id,
    streamId: row.stream_id,
    version: row.version,
    type: row.type,
    data: row.payload,
    metadata: row.metadata ?? {},
    idempotencyKey: row.idempotency_key,
    occurredAt: new Date(row.occurred_at),
  };
}

export function asEvent(stored: StoredEvent): CreditEvent {
  return { type: stored.type, data: stored.data } as CreditEvent;
}

const COLUMNS = 'id, stream_id, version, type, payload, metadata, idempotency_key, occurred_at';

/**
 * The append-only `credit_events` table. Every method takes the entity manager of the caller's
 * transaction (`em.execute` runs in it), so the lock, the reads and the append are one unit.
 */
@Injectable()
export class CreditEventStore {
  /**
   * Serialises every command on one stream until the transaction ends. Contenders wait instead
   * of failing, so none gives up while credits remain; the expected version stays as a guard.
   */
  async lock(em: EntityManager, streamId: string): Promise<void> {
    await em.execute(`select pg_advisory_xact_lock(hashtextextended(?, 0))`, [streamId]);
  }

  async findByKeys(em: EntityManager, keys: string[]): Promise<StoredEvent[]> {
    if (!keys.length) return [];
    const rows: EventRow[] = await em.execute(
      `select ${COLUMNS} from credit_events where idempotency_key in (${keys.map(() => '?').join(', ')}) order by stream_id, version`,
      keys,
    );
    return rows.map(toStored);
  }

  /** Events of a stream after `afterVersion`, in order. */
  async read(em: EntityManager, streamId: string, afterVersion = 0): Promise<StoredEvent[]> {
    const rows: EventRow[] = await em.execute(
      `select ${COLUMNS} from credit_events where stream_id = ? and version > ? order by version`,
      [streamId, afterVersion],
    );
    return rows.map(toStored);
  }

  /** The aggregate's state and version: the latest snapshot plus the events after it. */
  async load(em: EntityManager, streamId: string): Promise<{ state: CreditAccountState; version: number }> {
    const [snapshot]: { version: number; state: CreditAccountState }[] = await em.execute(
      `select version, state from credit_snapshots where stream_id = ? and schema_version = ?`,
      [streamId, SNAPSHOT_SCHEMA],
    );
    let state = snapshot?.state ?? initialState();
    let version = snapshot?.version ?? 0;
    for (const event of await this.read(em, streamId, version)) {
      state = evolve(state, asEvent(event));
      version = event.version;
    }
    return { state, version };
  }

  /**
   * Appends in one statement with versions expectedVersion+1.. The unique (stream_id, version)
   * turns a lost race into StreamVersionConflict; a used key into DuplicateEvent.
   */
  async append(em: EntityManager, streamId: string, expectedVersion: number, events: NewEvent[]): Promise<StoredEvent[]> {
    if (!events.length) return [];
    const now = new Date();
    const params: unknown[] = [];
    const values = events.map((e, i) => {
      params.push(randomUUID(), streamId, expectedVersion + i + 1, e.event.type, JSON.stringify(e.event.data), JSON.stringify(e.metadata), e.idempotencyKey, now);
      return '(?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?)';
    });
    try {
      const rows: EventRow[] = await em.execute(
        `insert into credit_events (${COLUMNS}) values ${values.join(', ')} returning ${COLUMNS}`,
        params,
      );
      return rows.map(toStored);
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        const constraint = String((error as { constraint?: string }).constraint ?? error.message);
        if (constraint.includes('credit_events_stream_version_uq')) throw new StreamVersionConflict(streamId, expectedVersion);
        throw new DuplicateEvent(constraint.includes('checkout_session') ? 'checkout_session' : 'idempotency_key');
      }
      throw error;
    }
  }

  async saveSnapshot(em: EntityManager, streamId: string, version: number, state: CreditAccountState): Promise<void> {
    await em.execute(
      `insert into credit_snapshots (stream_id, version, schema_version, state, created_at) values (?, ?, ?, ?::jsonb, now())
       on conflict (stream_id) do update set version = excluded.version, schema_version = excluded.schema_version,
         state = excluded.state, created_at = excluded.created_at`,
      [streamId, version, SNAPSHOT_SCHEMA, JSON.stringify(state)],
    );
  }

  async dropSnapshot(em: EntityManager, streamId: string): Promise<void> {
    await em.execute(`delete from credit_snapshots where stream_id = ?`, [streamId]);
  }

  /** Whether appending took the stream over a snapshot boundary. */
  static crossesSnapshot(fromVersion: number, toVersion: number): boolean {
    return Math.floor(toVersion / SNAPSHOT_EVERY) > Math.floor(fromVersion / SNAPSHOT_EVERY);
  }
}
