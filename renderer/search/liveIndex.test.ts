/**
 * The live index over a real IndexedDB implementation (fake-indexeddb) and real Dexie: the first
 * build, changes of a few records picked up from Dexie's storagemutated keys, wide changes (a
 * pulled page, a cleared table) reconciled, and reconciling held back while a snapshot runs.
 */
import { Dexie, RangeSet } from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import type { LocalRecord } from '../../shared/sync/apply';
import { openCache, recordTable, type CasewayDb } from '../db/database';
import { createLiveIndex, listedKeys, type LiveIndex } from './liveIndex';
import type { SearchProgress } from './searchProtocol';

const opened: { db: CasewayDb; live?: LiveIndex }[] = [];

afterEach(() => {
  for (const o of opened.splice(0)) {
    o.live?.stop();
    o.db.close();
  }
});

function cache(name: string): CasewayDb {
  const db = openCache(name, { durability: 'relaxed', indexedDB, IDBKeyRange });
  opened.push({ db });
  return db;
}

let rev = 1;
function caseRecord(id: string, number: number, shortDescription: string, extra: Record<string, unknown> = {}): LocalRecord {
  return { id, rev: rev++, updatedAt: new Date(Date.UTC(2026, 0, 1) + number * 1000).toISOString(), number: `CS${String(number).padStart(7, '0')}`, shortDescription, description: null, state: 'new', caseTypeId: 'ct1', ...extra };
}

async function seeded(): Promise<{ name: string; writer: CasewayDb }> {
  const name = `search-${crypto.randomUUID()}`;
  const writer = cache(name);
  await recordTable(writer, 'caseType').put({ id: 'ct1', lifecycle: { states: [{ key: 'new', label: 'New' }] } });
  await recordTable(writer, 'case').bulkPut([caseRecord('c1', 1, 'Pothole on Harbour Street'), caseRecord('c2', 2, 'Streetlight out')]);
  await recordTable(writer, 'journalEntry').put({ id: 'j1', rev: rev++, updatedAt: '2026-01-02T00:00:00.000Z', caseId: 'c2', kind: 'comment', body: 'Lamp flickering since Tuesday' });
  await recordTable(writer, 'consumer').put({ id: 'p1', rev: rev++, updatedAt: '2026-01-02T00:00:00.000Z', firstName: 'Élodie', lastName: 'Martin', email: null, phone: '+61 3 9555 0101', mobile: null, constituentNumber: null });
  await writer.meta.put({ key: 'sync', deviceId: 'd', userId: 'u', orgId: 'o', cursor: null, lastQueuedId: 0, lastMutationId: 0, lastSyncAt: null, isSnapshotting: false });
  return { name, writer };
}

function live(name: string, progress: SearchProgress[] = []): LiveIndex {
  const reader = cache(name);
  const index = createLiveIndex(reader, { quietMs: 20, maxDelayMs: 300, maxSnapshotDelayMs: 5000, onProgress: (p) => progress.push(p), onError: (message) => expect.fail(message) });
  const entry = opened.find((o) => o.db === reader);
  if (entry) entry.live = index;
  index.start();
  return index;
}

async function ids(index: LiveIndex, text: string): Promise<string[]> {
  return (await index.query(text, {})).hits.map((h) => h.id);
}

describe('live search index', () => {
  it('builds from the cache, counting its progress, and answers with labels and excerpts', async () => {
    const { name } = await seeded();
    const progress: SearchProgress[] = [];
    const index = live(name, progress);
    await index.settled();
    expect(index.progress()).toMatchObject({ indexed: 4, toIndex: 4, isComplete: true });
    expect(progress.some((p) => !p.isComplete)).toBe(true);
    expect(await ids(index, 'elodie')).toEqual(['p1']);
    expect(await ids(index, '9555 0101')).toEqual(['p1']);
    const [hit] = (await index.query('flickering', {})).hits;
    expect(hit).toMatchObject({ id: 'c2', title: 'CS0000002: Streetlight out', state: 'New', matchedIn: 'comment', matchedEntryId: 'j1', snippet: 'Lamp flickering since Tuesday' });
  });

  it('indexes a record written by another connection from the keys storagemutated lists, and forgets a deleted one', async () => {
    const { name, writer } = await seeded();
    const index = live(name);
    await index.settled();
    await recordTable(writer, 'journalEntry').put({ id: 'j2', rev: rev++, updatedAt: '2026-01-03T00:00:00.000Z', caseId: 'c1', kind: 'work_note', body: 'Crew booked for Thursday' });
    await recordTable(writer, 'case').put(caseRecord('c2', 2, 'Streetlight repaired'));
    await index.settled();
    expect(await ids(index, 'crew thursday')).toEqual(['c1']);
    expect(await ids(index, 'repaired')).toEqual(['c2']);
    expect(await ids(index, 'streetlight out')).toEqual([]);
    await recordTable(writer, 'consumer').delete('p1');
    await index.settled();
    expect(await ids(index, 'martin')).toEqual([]);
  });

  it('reconciles a table after a wide write (a page of 50 or more) and after it is cleared', async () => {
    const { name, writer } = await seeded();
    const index = live(name);
    await index.settled();
    const page = Array.from({ length: 60 }, (_, i) => caseRecord(`n${i}`, 100 + i, `Graffiti report ${i}`));
    await recordTable(writer, 'case').bulkPut([...page, caseRecord('c1', 1, 'Pothole filled')]);
    await index.settled();
    expect((await index.query('graffiti', {})).total).toBe(60);
    expect(await ids(index, 'filled')).toEqual(['c1']);
    await recordTable(writer, 'case').clear();
    await index.settled();
    expect(await ids(index, 'graffiti')).toEqual([]);
    expect(await ids(index, 'flickering')).toEqual([]); // its case is gone
    expect(index.progress().isComplete).toBe(true);
  });

  it('holds a reconcile back while a snapshot is being taken, and runs it when the snapshot ends', async () => {
    const { name, writer } = await seeded();
    const index = live(name);
    await index.settled();
    await writer.meta.update('sync', { isSnapshotting: true });
    await recordTable(writer, 'consumer').bulkPut(Array.from({ length: 50 }, (_, i) => ({ id: `s${i}`, rev: rev++, updatedAt: '2026-01-04T00:00:00.000Z', firstName: 'Snap', lastName: `Shot${i}`, email: null, phone: null, mobile: null, constituentNumber: null })));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await ids(index, 'snap')).toEqual([]);
    expect(index.progress().isComplete).toBe(false);
    await writer.meta.update('sync', { isSnapshotting: false });
    await index.settled();
    expect((await index.query('snap', {})).total).toBe(50);
  });
});

describe('changed keys from storagemutated', () => {
  it('lists single keys and refuses ranges, on a RangeSet and on its structured clone', () => {
    const keys = new RangeSet().addKeys(['b', 'a', 'c']);
    expect(listedKeys(keys)?.sort()).toEqual(['a', 'b', 'c']);
    expect(listedKeys(structuredClone(keys))?.sort()).toEqual(['a', 'b', 'c']);
    expect(listedKeys(new RangeSet())).toEqual([]);
    expect(listedKeys(new RangeSet(-Infinity, [[]]))).toBeNull();
    expect(listedKeys(new RangeSet().addKey('a').add({ from: 'm', to: 'p' }))).toBeNull();
  });

  it('is what Dexie reports: keys for a put of a few records, a range for a page of 50', async () => {
    const { writer } = await seeded();
    const seen: string[][] = [];
    const listener = (parts: Record<string, Parameters<typeof listedKeys>[0]>): void => {
      const tree = parts[`idb://${writer.name}/case/`];
      if (tree) seen.push(listedKeys(tree) ?? ['(range)']);
    };
    Dexie.on('storagemutated', listener);
    try {
      await recordTable(writer, 'case').bulkPut([caseRecord('k1', 11, 'A'), caseRecord('k2', 12, 'B')]);
      await recordTable(writer, 'case').delete('k1');
      await recordTable(writer, 'case').bulkPut(Array.from({ length: 50 }, (_, i) => caseRecord(`w${i}`, 200 + i, 'W')));
    } finally {
      Dexie.on.storagemutated.unsubscribe(listener);
    }
    expect(seen.map((keys) => [...keys].sort())).toEqual([['k1', 'k2'], ['k1'], ['(range)']]);
  });
});
