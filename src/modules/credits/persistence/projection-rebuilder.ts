import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { fold } from '../domain/credit-account';
import { BalanceProjection } from './balance-projection';
import { asEvent, CreditEventStore, SNAPSHOT_EVERY, userIdOf } from './event-store';

export interface RebuildSummary {
  streams: number;
  events: number;
  /** Rows whose stored values differed from the replay (and were corrected). */
  corrected: number;
}

/**
 * Replays every stream from its first event (snapshots ignored) and rewrites its balance row and
 * its snapshot. Each stream is rebuilt under its lock in its own transaction, so it can run while
 * the API serves traffic.
 */
@Injectable()
export class ProjectionRebuilder {
  constructor(
    private readonly orm: MikroORM,
    private readonly store: CreditEventStore,
    private readonly projection: BalanceProjection,
  ) {}

  async rebuild(options: { userId?: string } = {}): Promise<RebuildSummary> {
    const summary: RebuildSummary = { streams: 0, events: 0, corrected: 0 };
    const streams: { stream_id: string }[] = options.userId
      ? [{ stream_id: `credits-${options.userId}` }]
      : await this.orm.em.fork().execute(`select distinct stream_id from credit_events order by stream_id`);
    for (const { stream_id: streamId } of streams) {
      await this.orm.em.fork().transactional(async (em) => {
        await this.store.lock(em, streamId);
        const events = await this.store.read(em, streamId);
        const state = fold(events.map(asEvent));
        const version = events.length ? events[events.length - 1].version : 0;
        const userId = userIdOf(streamId);
        const before = await this.projection.find(em, userId);
        await this.projection.overwrite(em, userId, version, state);
        const after = await this.projection.find(em, userId);
        if (JSON.stringify(before) !== JSON.stringify(after)) summary.corrected++;
        if (version >= SNAPSHOT_EVERY) await this.store.saveSnapshot(em, streamId, version, state);
        else await this.store.dropSnapshot(em, streamId);
        summary.streams++;
        summary.events += events.length;
      });
    }
    return summary;
  }
}
