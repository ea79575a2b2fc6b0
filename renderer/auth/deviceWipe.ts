/**
 * A revoked device wipes itself (issue 6, SPEC D7): it first reports to the administrator the work
 * every cache on it still had queued (mutations not sent, files not uploaded), then deletes every
 * Caseway database of this browser profile and its local settings, and starts again as a new device.
 * If the report cannot be sent, nothing is deleted: the device stays locked (it cannot be unlocked
 * offline any more) and tries again on the next sign-in, so queued work is never silently dropped.
 */
import { Dexie } from 'dexie';
import type { WipeReportBody } from '../../shared/api/devices';
import { isRecordType } from '../../shared/domain/records';
import { deviceDatabaseName } from './vault';

const cacheName = /^caseway-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const revokedKey = 'caseway.revoked';

/** Marks the device as revoked before anything else, so no offline unlock happens while it wipes. */
export function markRevoked(): void {
  localStorage.setItem(revokedKey, new Date().toISOString());
}

export function isMarkedRevoked(): boolean {
  return localStorage.getItem(revokedKey) !== null;
}

async function cacheNames(idb: IDBFactory): Promise<string[]> {
  const all = await idb.databases();
  return all.map((d) => d.name ?? '').filter((n) => cacheName.test(n));
}

type CacheReport = WipeReportBody['caches'][number];

async function reportOf(name: string, idb: IDBFactory, keyRange: typeof IDBKeyRange): Promise<CacheReport | null> {
  const db = new Dexie(name, { indexedDB: idb, IDBKeyRange: keyRange });
  try {
    await db.open();
    const names = new Set(db.tables.map((t) => t.name));
    if (!names.has('meta') || !names.has('outbox')) return null;
    const meta = (await db.table('meta').get('sync')) as { userId?: string } | undefined;
    if (!meta?.userId) return null;
    const queued = ((await db.table('outbox').toArray()) as { id: number; name: string; args: unknown; deviceTime: string; status: string }[]).filter((m) => m.status === 'pending').map((m) => ({ id: m.id, name: m.name, args: m.args, deviceTime: m.deviceTime }));
    const files: CacheReport['files'] = [];
    if (names.has('blobs')) {
      const pending = (await db.table('blobs').where('state').equals('pending').toArray()) as { id: string; blob: Blob }[];
      for (const b of pending) {
        const attachment = names.has('attachment') ? ((await db.table('attachment').get(b.id)) as { fileName?: string } | undefined) : undefined;
        files.push({ id: b.id, fileName: attachment?.fileName ?? b.id, size: b.blob.size });
      }
    }
    const openIssues = names.has('syncIssues') ? await db.table('syncIssues').where('isDismissed').equals(0).count() : 0;
    let records = 0;
    for (const table of db.tables) if (isRecordType(table.name)) records += await table.count();
    return { userId: meta.userId, queued, files, openIssues, records };
  } finally {
    db.close();
  }
}

/** What every cache on this device still had queued. */
export async function collectWipeReport(idb: IDBFactory = indexedDB, keyRange: typeof IDBKeyRange = IDBKeyRange): Promise<WipeReportBody> {
  const caches: CacheReport[] = [];
  for (const name of await cacheNames(idb)) {
    const report = await reportOf(name, idb, keyRange);
    if (report) caches.push(report);
  }
  return { caches };
}

/** Deletes every Caseway database and setting of this profile; the next sign-in is a new device. */
export async function deleteLocalData(idb: IDBFactory = indexedDB): Promise<void> {
  for (const name of [...(await cacheNames(idb)), deviceDatabaseName]) await Dexie.delete(name);
  for (const key of Object.keys(localStorage)) if (key.startsWith('caseway.') && key !== revokedKey) localStorage.removeItem(key);
  sessionStorage.clear();
  localStorage.removeItem(revokedKey);
}

export type WipeOutcome = { wiped: true; queued: number; files: number } | { wiped: false; message: string };

/** Reports with the device's (revoked) token, then wipes. Without a token or a report sent, nothing is deleted. */
export async function wipeRevokedDevice(token: string | null): Promise<WipeOutcome> {
  markRevoked();
  if (!token) return { wiped: false, message: 'no session of this device is left to report its queued work with; sign in with your password to finish' };
  const report = await collectWipeReport();
  let response: Response;
  try {
    response = await fetch('/api/devices/wipe-report', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(report) });
  } catch {
    return { wiped: false, message: 'the central store cannot be reached to report the queued work; the data stays locked on this device until it can' };
  }
  if (!response.ok) return { wiped: false, message: `the central store did not take the report of the queued work (${response.status}); the data stays locked on this device` };
  await deleteLocalData();
  return { wiped: true, queued: report.caches.reduce((n, c) => n + c.queued.length, 0), files: report.caches.reduce((n, c) => n + c.files.length, 0) };
}
