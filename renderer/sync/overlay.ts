/**
 * The pending overlay (SPEC D1–D3): record tables show the server's records with the outbox
 * applied on top. Every record a pending mutation touches has a shadow holding the server's copy;
 * after each pulled checkpoint or server answer the overlay is rebuilt from the shadows by
 * re-running the still-pending mutations in order, so nothing is ever applied twice.
 */
import type { Transaction } from 'dexie';
import { applyLocally, recordKey, touches, type ApplyContext, type LocalRecord, type Reader } from '../../shared/sync/apply';
import type { RecordType } from '../../shared/domain/records';
import { recordTable, type CasewayDb, type OutboxEntry, type Shadow } from '../db/database';

/** Shadows the records `entry` will write, keeping the server's copy before the first local change. */
export async function shadowTouched(db: CasewayDb, entry: Pick<OutboxEntry, 'name' | 'args'>): Promise<void> {
  for (const { type, id } of touches(entry.name, entry.args)) {
    const key = recordKey(type, id);
    if (await db.shadows.get(key)) continue;
    const current = await recordTable(db, type).get(id);
    await db.shadows.put({ key, type, id, base: current ?? null });
  }
}

/**
 * Rebuilds the records under `changedKeys` (all shadowed records when null). Runs inside a
 * read-write transaction over every table. Only the pending mutations that touch those records
 * (and, transitively, the records those mutations touch) are re-run.
 */
export async function rebuildOverlay(db: CasewayDb, ctx: Omit<ApplyContext, 'now'>, changedKeys: ReadonlySet<string> | null = null): Promise<void> {
  if (changedKeys !== null && changedKeys.size === 0) return;
  const pending = await db.outbox.orderBy('id').toArray();
  const touchedBy = pending.map((entry) => touches(entry.name, entry.args).map((k) => recordKey(k.type, k.id)));
  const affected = new Set<string>(changedKeys ?? (await db.shadows.toCollection().primaryKeys()).map(String));
  const selected = new Set<number>();
  for (let grew = true; grew; ) {
    grew = false;
    touchedBy.forEach((keys, i) => {
      if (selected.has(i) || !keys.some((k) => affected.has(k))) return;
      selected.add(i);
      for (const k of keys) if (!affected.has(k)) affected.add(k);
      grew = true;
    });
  }
  const shadows = (await db.shadows.bulkGet([...affected])).filter((s): s is Shadow => s !== undefined);
  const working = new Map<string, { type: RecordType; id: string; record: LocalRecord | null }>();
  for (const s of shadows) working.set(s.key, { type: s.type, id: s.id, record: s.base });
  // The working copies first, then the cache, then what the mutation read when it was queued.
  const readFor =
    (entry: OutboxEntry): Reader =>
    async (type, id) => {
      const key = recordKey(type, id);
      const w = working.get(key);
      if (w) return w.record ?? undefined;
      return (await recordTable(db, type).get(id)) ?? entry.refs?.[key];
    };
  const stillTouched = new Set<string>();
  for (const i of [...selected].sort((a, b) => a - b)) {
    const entry = pending[i];
    if (!entry) continue;
    for (const k of touchedBy[i] ?? []) stillTouched.add(k);
    const writes = await applyLocally(entry.name, entry.args, readFor(entry), { ...ctx, now: entry.deviceTime });
    for (const w of writes) working.set(recordKey(w.type, w.id), w);
  }
  const byType = new Map<RecordType, { puts: LocalRecord[]; deletes: string[] }>();
  for (const w of working.values()) {
    const bucket = byType.get(w.type) ?? { puts: [], deletes: [] };
    if (w.record) bucket.puts.push(w.record);
    else bucket.deletes.push(w.id);
    byType.set(w.type, bucket);
  }
  for (const [type, { puts, deletes }] of byType) {
    if (puts.length) await recordTable(db, type).bulkPut(puts);
    if (deletes.length) await recordTable(db, type).bulkDelete(deletes);
  }
  const settled = shadows.filter((s) => !stillTouched.has(s.key)).map((s) => s.key);
  if (settled.length) await db.shadows.bulkDelete(settled);
}

export function allTables(db: CasewayDb): string[] {
  return db.tables.map((t) => t.name);
}

export type { Transaction };
