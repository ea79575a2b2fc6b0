/**
 * Tombstone retention (SPEC P8): deletes travel to devices as tombstones, kept for at least
 * `retentionDays`. Purging older ones raises the sync horizon in the same transaction, so a pull
 * either still sees a tombstone or sees a horizon above its cursor and re-snapshots.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';

export const defaultRetentionDays = 30;

export async function purgeTombstones(db: Kysely<DB>, options: { retentionDays?: number; now?: Date } = {}): Promise<{ purged: number; purgedThrough: number }> {
  const retentionDays = options.retentionDays ?? defaultRetentionDays;
  if (!(retentionDays >= 1)) throw new Error('tombstones must be kept at least one day');
  const cutoff = new Date((options.now ?? new Date()).getTime() - retentionDays * 86_400_000);
  return db.transaction().execute(async (trx) => {
    const purged = await sql<{ n: number; highest: number | null }>`with d as (delete from tombstones where deleted_at < ${cutoff} returning rev) select count(*)::int as n, max(rev) as highest from d`.execute(trx);
    const n = purged.rows[0]?.n ?? 0;
    const highest = Number(purged.rows[0]?.highest ?? 0);
    if (highest > 0) {
      await sql`update sync_horizon set purged_through = greatest(purged_through, ${highest}), purged_at = now()`.execute(trx);
    }
    const horizon = await trx.selectFrom('sync_horizon').select('purged_through').executeTakeFirstOrThrow();
    return { purged: n, purgedThrough: Number(horizon.purged_through) };
  });
}

/** Purges now and then every `everyMs` while the store runs; returns the stop function. */
export function scheduleTombstonePurge(db: Kysely<DB>, onError: (error: unknown) => void, everyMs = 3_600_000): () => void {
  const run = (): void => {
    purgeTombstones(db).catch(onError);
  };
  run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
