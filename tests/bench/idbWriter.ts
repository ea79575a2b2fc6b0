/**
 * Bundled into the benchmark's browser page: writes pulled pages into the device cache schema
 * with no network in between — the raw IndexedDB rate the bootstrap is compared with.
 */
import { openCache, recordTable } from '../../renderer/db/database';
import type { RecordType } from '../../shared/domain/records';
import type { LocalRecord } from '../../shared/sync/apply';

type Page = { type: RecordType; record: LocalRecord }[];

async function writePages(name: string, pages: Page[]): Promise<number> {
  const db = openCache(name, { durability: 'relaxed' });
  await db.open();
  const started = performance.now();
  for (const page of pages) {
    const byType = new Map<RecordType, LocalRecord[]>();
    for (const p of page) {
      const list = byType.get(p.type);
      if (list) list.push(p.record);
      else byType.set(p.type, [p.record]);
    }
    await db.transaction('rw', db.tables, async () => {
      for (const [type, records] of byType) await recordTable(db, type).bulkPut(records);
    });
  }
  const ms = performance.now() - started;
  db.close();
  return ms;
}

declare global {
  interface Window {
    cwBench: { pages: Page[]; writePages: typeof writePages };
  }
}
window.cwBench = { pages: [], writePages };
