/**
 * The search index kept in step with a user's cache: built a page at a time, then kept current
 * from Dexie's `storagemutated` event, which Dexie raises in every window and worker of the origin
 * after each committed write (across contexts through a BroadcastChannel). It only reads the cache.
 * Runs in the search worker (searchWorker.ts); in Node tests over fake-indexeddb.
 *
 * Invariants:
 * - Every read-then-index step runs through one queue, one at a time. A change is handled by a
 *   step queued after its event fired, which reads the committed state; so whatever an earlier
 *   step read, the last step touching a record indexes its latest version (or removes it).
 * - The event lists the changed primary keys when a write put or deleted under 50 records
 *   (`idb://<db>/<table>/` → a RangeSet of single keys); those are re-read with bulkGet. A wider
 *   write (a pulled page, a cleared table) gives a range: the table is then reconciled by a scan
 *   comparing each record's stamp (rev and updatedAt) with the one indexed, once writes have been
 *   quiet for a moment; while the sync engine takes a snapshot (which rewrites every table) it
 *   waits for the snapshot to end, up to a minute.
 */
import { cmp, Dexie, type IntervalTree, type ObservabilitySet } from 'dexie';
import type { LocalRecord } from '../../shared/sync/apply';
import { recordTable, type CasewayDb } from '../db/database';
import { indexedTables, recordStamp, toSearchDocument, type DocumentContext, type IndexedTable } from './searchDocuments';
import { createSearchIndex, type SearchHit, type SearchIndex, type SearchQueryOptions, type SearchResult } from './searchIndex';
import type { SearchProgress } from './searchProtocol';
import { snippet } from './tokenize';

export type LiveIndexOptions = {
  onProgress(progress: SearchProgress): void;
  onError(message: string): void;
  /** Writes must have been quiet this long before a wide change is reconciled (ms). */
  quietMs: number;
  /** A wide change waits at most this long outside a snapshot, and during one (ms). */
  maxDelayMs: number;
  maxSnapshotDelayMs: number;
};

export type LiveIndex = {
  /** Subscribes to changes, then builds the index (in the queue). */
  start(): void;
  stop(): void;
  /** Answers from what is indexed now, with excerpts of the text matched. */
  query(text: string, options: SearchQueryOptions): Promise<SearchResult>;
  progress(): SearchProgress;
  /** Resolves once nothing is queued or waiting to be reconciled (for tests). */
  settled(): Promise<void>;
  readonly index: SearchIndex;
};

export const defaultLiveIndexTiming = { quietMs: 1000, maxDelayMs: 15_000, maxSnapshotDelayMs: 60_000 } as const;

const pageSize: Record<IndexedTable, number> = { consumer: 1000, contact: 1000, account: 1000, household: 1000, installBaseItem: 1000, case: 400, journalEntry: 400 };
/** More changed keys than this in one event are handled like a range. */
const maxListedKeys = 2000;
const snippetLength = 140;

/**
 * The keys a changed-keys RangeSet lists one by one (Dexie records each put or deleted key as a
 * range from the key to itself), or null when it holds a true range or too many keys. Works on a
 * RangeSet and on the plain tree a BroadcastChannel delivers (`from`, `to`, `l`, `r`).
 */
export function listedKeys(tree: IntervalTree): string[] | null {
  const keys: string[] = [];
  const stack: IntervalTree[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node || !('from' in node)) continue;
    if (typeof node.from !== 'string' || cmp(node.from, node.to) !== 0) return null;
    keys.push(node.from);
    if (keys.length > maxListedKeys) return null;
    if (node.l) stack.push(node.l);
    if (node.r) stack.push(node.r);
  }
  return keys;
}

/** Reads a table in primary-key order a page at a time, so memory stays bounded and queries interleave. */
async function eachPage(db: CasewayDb, table: IndexedTable, visit: (records: LocalRecord[]) => void): Promise<void> {
  const store = recordTable(db, table);
  let last: string | null = null;
  for (;;) {
    const page: LocalRecord[] = await (last === null ? store.orderBy(':id') : store.where(':id').above(last)).limit(pageSize[table]).toArray();
    visit(page);
    const end = page.at(-1);
    if (!end || page.length < pageSize[table]) return;
    last = end.id;
  }
}

export function createLiveIndex(db: CasewayDb, options: LiveIndexOptions): LiveIndex {
  const index = createSearchIndex();
  const stateLabels = new Map<string, Map<string, string>>();
  const context: DocumentContext = { caseStateLabel: (caseTypeId, state) => stateLabels.get(caseTypeId)?.get(state) ?? state };
  const counts = { indexed: 0, toIndex: 0, version: 0 };
  let isBuilt = false;
  let queue: Promise<void> = Promise.resolve();
  let queued = 0;
  const changed = new Map<IndexedTable, Set<string>>();
  let isApplyQueued = false;
  const dirty = new Set<IndexedTable>();
  let dirtySince = 0;
  let lastWideChange = 0;
  let reconcileTimer: ReturnType<typeof setTimeout> | null = null;
  let isStopped = false;

  const progress = (): SearchProgress => ({ ...counts, isComplete: isBuilt && queued === 0 && dirty.size === 0 && changed.size === 0 });

  const enqueue = (step: () => Promise<void>): void => {
    queued++;
    queue = queue
      .then(() => (isStopped ? undefined : step()))
      .catch((error: unknown) => options.onError(error instanceof Error ? error.message : String(error)))
      .finally(() => {
        queued--;
        counts.version++;
        options.onProgress(progress());
      });
  };

  const indexRecord = (table: IndexedTable, record: LocalRecord): void => {
    const doc = toSearchDocument(table, record, context);
    if (doc) index.upsert(doc);
    else index.remove(table, record.id);
  };

  const loadStateLabels = async (): Promise<void> => {
    stateLabels.clear();
    for (const type of await recordTable(db, 'caseType').toArray()) {
      const lifecycle = type.lifecycle as { states?: { key: string; label: string }[] } | undefined;
      stateLabels.set(type.id, new Map((lifecycle?.states ?? []).map((s) => [s.key, s.label])));
    }
  };

  const build = async (): Promise<void> => {
    await loadStateLabels();
    const sizes = await Promise.all(indexedTables.map((t) => recordTable(db, t).count()));
    counts.toIndex = sizes.reduce((a, b) => a + b, 0);
    options.onProgress(progress());
    for (const table of indexedTables) {
      await eachPage(db, table, (records) => {
        for (const record of records) indexRecord(table, record);
        counts.indexed += records.length;
        counts.version++;
        options.onProgress(progress());
      });
      index.flushTerms();
    }
    counts.toIndex = Math.max(counts.toIndex, counts.indexed);
    isBuilt = true;
  };

  /** Re-reads the records named by change events; those gone are removed. */
  const applyChanges = async (): Promise<void> => {
    isApplyQueued = false;
    const batch = [...changed];
    changed.clear();
    for (const [table, ids] of batch) {
      if (dirty.has(table)) continue; // the table's reconcile covers these
      const keys = [...ids];
      for (let i = 0; i < keys.length; i += 500) {
        const slice = keys.slice(i, i + 500);
        const records = await recordTable(db, table).bulkGet(slice);
        records.forEach((record, k) => {
          if (record) indexRecord(table, record);
          else index.remove(table, slice[k] ?? '');
        });
      }
    }
  };

  /** Brings a table's part of the index in line with the table: changed records re-indexed, missing ones removed. */
  const reconcile = async (table: IndexedTable): Promise<void> => {
    dirty.delete(table);
    const seen = new Set<string>();
    await eachPage(db, table, (records) => {
      for (const record of records) {
        seen.add(record.id);
        if (index.stampOf(table, record.id) !== recordStamp(record)) indexRecord(table, record);
      }
    });
    for (const id of index.ids(table)) if (!seen.has(id)) index.remove(table, id);
    index.flushTerms();
  };

  const scheduleReconcile = (): void => {
    if (reconcileTimer || dirty.size === 0 || isStopped) return;
    reconcileTimer = setTimeout(() => {
      reconcileTimer = null;
      void considerReconcile().catch((error: unknown) => options.onError(error instanceof Error ? error.message : String(error)));
    }, options.quietMs);
  };

  const considerReconcile = async (): Promise<void> => {
    if (dirty.size === 0 || isStopped) return;
    const isSnapshotting = (await db.meta.get('sync'))?.isSnapshotting ?? false;
    const now = Date.now();
    const waited = now - dirtySince;
    const isDue = isSnapshotting ? waited >= options.maxSnapshotDelayMs : now - lastWideChange >= options.quietMs || waited >= options.maxDelayMs;
    if (!isBuilt || !isDue) {
      scheduleReconcile();
      return;
    }
    for (const table of indexedTables) if (dirty.has(table)) enqueue(() => reconcile(table));
  };

  const markDirty = (table: IndexedTable): void => {
    if (dirty.size === 0) dirtySince = Date.now();
    dirty.add(table);
    lastWideChange = Date.now();
  };

  const onStorageMutated = (parts: ObservabilitySet): void => {
    const prefix = `idb://${db.name}/`;
    if ('all' in parts) for (const table of indexedTables) markDirty(table);
    for (const table of indexedTables) {
      const tree = parts[`${prefix}${table}/`];
      if (!tree) continue;
      const keys = listedKeys(tree);
      if (keys === null) {
        markDirty(table);
        continue;
      }
      if (keys.length === 0) continue;
      const set = changed.get(table) ?? new Set<string>();
      for (const key of keys) set.add(key);
      changed.set(table, set);
    }
    if (parts[`${prefix}caseType/`]) enqueue(loadStateLabels);
    if (changed.size > 0 && !isApplyQueued) {
      isApplyQueued = true;
      enqueue(applyChanges);
    }
    if (dirty.size > 0) scheduleReconcile();
    options.onProgress(progress());
  };

  /** Excerpts of the description, comment or work note each hit matched in (read for the hits only). */
  const withSnippets = async (hits: SearchHit[], terms: string[]): Promise<SearchHit[]> => {
    const entryIds = hits.flatMap((h) => (h.matchedEntryId ? [h.matchedEntryId] : []));
    const caseIds = hits.flatMap((h) => (h.matchedIn === 'description' ? [h.id] : []));
    if (entryIds.length === 0 && caseIds.length === 0) return hits;
    const [entries, cases] = await Promise.all([recordTable(db, 'journalEntry').bulkGet(entryIds), recordTable(db, 'case').bulkGet(caseIds)]);
    const texts = new Map<string, string>();
    for (const e of entries) if (e && typeof e.body === 'string') texts.set(e.id, e.body);
    for (const c of cases) if (c) texts.set(c.id, [c.description, c.resolutionNotes].filter((t) => typeof t === 'string').join(' '));
    return hits.map((h) => {
      const source = texts.get(h.matchedEntryId ?? (h.matchedIn === 'description' ? h.id : ''));
      return source ? { ...h, snippet: snippet(source, terms, snippetLength) } : h;
    });
  };

  return {
    index,
    start: () => {
      // Subscribed before the first read, so no change committed during the build is missed.
      Dexie.on('storagemutated', onStorageMutated);
      enqueue(build);
    },
    stop: () => {
      isStopped = true;
      Dexie.on.storagemutated.unsubscribe(onStorageMutated);
      if (reconcileTimer) clearTimeout(reconcileTimer);
    },
    query: async (text, queryOptions) => {
      const result = index.query(text, queryOptions);
      return { ...result, hits: await withSnippets(result.hits, result.terms) };
    },
    progress,
    settled: async () => {
      for (;;) {
        await queue;
        if (queued === 0 && changed.size === 0 && dirty.size === 0 && !reconcileTimer) return;
        await new Promise((resolve) => setTimeout(resolve, Math.max(5, options.quietMs / 2)));
      }
    },
  };
}
