import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { CreditCommand, CreditEvent, CreditPolicy, decide, evolve } from '../domain/credit-account';
import { periodOf } from '../domain/period';
import { CreditErrors } from '../errors';
import { BalanceProjection, ProjectionOutOfStep } from '../persistence/balance-projection';
import {
  CreditEventStore,
  DuplicateEvent,
  EventMetadata,
  NewEvent,
  StoredEvent,
  StreamVersionConflict,
  streamIdOf,
} from '../persistence/event-store';
import { CREDIT_POLICY } from '../credits.policy';
import { resetKeys } from './idempotency-keys';

/** Where a command came from; copied into the metadata of every event it appends. */
export interface CommandMeta {
  actorId?: string | null;
  correlationId?: string | null;
  causationId?: string | null;
}

export interface RunSpec<R> {
  userId: string;
  /** The domain command, or a function building it under the lock from what is stored (null: nothing to do). */
  command: CreditCommand | ((em: EntityManager) => Promise<CreditCommand | null>);
  /** Every idempotency key this command may append under; finding any of them is a replay. */
  keys: string[];
  /** The key of each event `decide` returns. */
  keyFor(event: CreditEvent, index: number): string;
  meta?: CommandMeta;
  /** The request's parameters: a replay with other parameters under the same key is refused. */
  fingerprint?: unknown;
  /** A further one-time guard checked under the lock (one credit per Checkout Session). */
  prior?: (em: EntityManager) => Promise<StoredEvent[]>;
  /**
   * Builds the command's result from the events it appended, or, on a replay, from the events
   * the first run appended, so a replay answers what the first run answered.
   */
  result(events: StoredEvent[], replayed: boolean): R;
  /** The moment the command happens (periods are derived from it). Default: now. */
  at?: Date;
  /** Start the current period first if the account's has ended (default true). */
  rollover?: boolean;
}

const MAX_ATTEMPTS = 3;

/**
 * Command handling for one credit account, the same for every command:
 * lock the stream, check the idempotency keys, fold the stream (snapshot + tail), decide,
 * append with the expected version, and write the balance projection in the same transaction.
 *
 * It runs in the caller's transaction when there is one (a savepoint of it: registration grants
 * the allowance inside its own transaction), otherwise in a new one. A version conflict or a key
 * appended concurrently restarts the unit (the restart then sees the key and replays); a
 * conflict that survives MAX_ATTEMPTS becomes a 409.
 */
@Injectable()
export class CreditCommandRunner {
  private readonly logger = new Logger('Credits');

  constructor(
    private readonly em: EntityManager,
    private readonly store: CreditEventStore,
    private readonly projection: BalanceProjection,
    @Inject(CREDIT_POLICY) private readonly policy: CreditPolicy,
  ) {}

  async run<R>(spec: RunSpec<R>): Promise<R> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.em.transactional((em) => this.once(em as EntityManager, spec));
      } catch (error) {
        const retriable =
          error instanceof StreamVersionConflict || error instanceof ProjectionOutOfStep || error instanceof DuplicateEvent;
        if (!retriable) throw error;
        this.logger.warn({ userId: spec.userId, keys: spec.keys, attempt, err: error.message }, 'credit command retried');
        if (attempt >= MAX_ATTEMPTS) throw CreditErrors.conflict();
      }
    }
  }

  private async once<R>(em: EntityManager, spec: RunSpec<R>): Promise<R> {
    const streamId = streamIdOf(spec.userId);
    await this.store.lock(em, streamId);

    const fingerprint = spec.fingerprint === undefined ? undefined : digest(spec.keys[0], spec.fingerprint);
    const existing = await this.store.findByKeys(em, spec.keys);
    if (existing.length) {
      const first = existing[0];
      const sameRequest =
        existing.every((e) => e.streamId === streamId) &&
        (fingerprint === undefined || first.metadata.fingerprint === undefined || first.metadata.fingerprint === fingerprint);
      if (!sameRequest) throw CreditErrors.idempotencyKeyReused(first.idempotencyKey);
      return spec.result(existing, true);
    }
    if (spec.prior) {
      const prior = await spec.prior(em);
      if (prior.length) return spec.result(prior, true);
    }

    const loaded = await this.store.load(em, streamId);
    let state = loaded.state;
    const meta: EventMetadata = {
      actorId: spec.meta?.actorId ?? null,
      correlationId: spec.meta?.correlationId ?? null,
      causationId: spec.meta?.causationId ?? null,
    };
    const pending: NewEvent[] = [];

    // An account whose period ended before the scheduled reset reached it starts the new period
    // here, under the reset's own keys, so the reset finds it done and grants nothing twice.
    const at = spec.at ?? new Date();
    if (spec.rollover !== false && state.opened && state.period! < periodOf(at)) {
      const period = periodOf(at);
      const keys = resetKeys(spec.userId, period);
      for (const event of decide(state, { type: 'StartPeriod', period }, this.policy)) {
        pending.push({ event, idempotencyKey: event.type === 'AllowanceExpired' ? keys.expire : keys.grant, metadata: { ...meta, source: 'rollover' } });
        state = evolve(state, event);
      }
    }
    const rolledOver = pending.length;

    const command = typeof spec.command === 'function' ? await spec.command(em) : spec.command;
    (command ? decide(state, command, this.policy) : []).forEach((event, index) => {
      pending.push({
        event,
        idempotencyKey: spec.keyFor(event, index),
        metadata: index === 0 && fingerprint ? { ...meta, fingerprint } : meta,
      });
      state = evolve(state, event);
    });
    if (!pending.length) return spec.result([], false);

    const stored = await this.store.append(em, streamId, loaded.version, pending);
    const version = loaded.version + stored.length;
    await this.projection.apply(em, spec.userId, loaded.version, version, state);
    if (CreditEventStore.crossesSnapshot(loaded.version, version)) {
      await this.store.saveSnapshot(em, streamId, version, state);
    }
    return spec.result(stored.slice(rolledOver), false);
  }
}

function digest(type: string, value: unknown): string {
  return createHash('sha256').update(`${type}:${JSON.stringify(value)}`).digest('base64url').slice(0, 22);
}
