/**
 * "Prepare for offline": before going where there is no network, the technician's device (1) syncs
 * to a complete checkpoint, so every record of its work is the store's latest; (2) fetches the
 * history of the install base items of the work of the coming days (not a synced record type) into
 * `itemHistory`; (3) downloads the content of those cases' and work orders' attachments into
 * `blobs` (state `downloaded`), so photos and documents open offline. What it did is kept per user
 * (when, for how many days, which work orders), so the view can say when the device was prepared.
 * Each step that fails is reported, never thrown: whatever is already on the device stays usable.
 */
import type { ItemHistoryAnswer } from '../../shared/api/fieldwork';
import { maxHistoryItems } from '../../shared/api/fieldwork';
import type { Task } from '../../shared/domain/task';
import { recordTable, type CasewayDb } from '../db/database';
import { attachmentContent, type AttachmentTransport } from '../sync/attachments';

export type PrepareReport = {
  at: string;
  days: number;
  /** done: a complete checkpoint was reached; offline: no network, skipped; failed: no checkpoint in time. */
  sync: 'done' | 'offline' | 'failed';
  workOrderIds: string[];
  history: { fetched: number; missing: number; isFailed: boolean };
  content: { downloaded: number; failed: number };
};

export type PrepareDeps = {
  db: CasewayDb;
  userId: string;
  days: number;
  isOnline: boolean;
  now: () => Date;
  syncNow: (timeoutMs: number) => Promise<boolean>;
  /** The work to prepare, read after the sync (so work that came with it is included). */
  selectWork: () => Promise<string[]>;
  fetchHistory: (itemIds: string[]) => Promise<ItemHistoryAnswer>;
  attachments: AttachmentTransport;
};

const syncTimeoutMs = 90_000;
const storageKey = (userId: string): string => `caseway.fieldwork.prepared.${userId}`;

/** The last preparation on this device for this user, or null. */
export function lastPrepared(userId: string): PrepareReport | null {
  try {
    const raw = localStorage.getItem(storageKey(userId));
    return raw ? (JSON.parse(raw) as PrepareReport) : null;
  } catch {
    return null;
  }
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** The install base items the work orders name (their own, else their case's). */
async function itemsOf(db: CasewayDb, tasks: readonly Task[]): Promise<string[]> {
  const cases = await recordTable(db, 'case').bulkGet(tasks.map((t) => t.caseId ?? ''));
  const ids = tasks.map((t, i) => t.installBaseItemId ?? (typeof cases[i]?.installBaseItemId === 'string' ? String(cases[i]?.installBaseItemId) : null));
  return [...new Set(ids.filter((id): id is string => id !== null))];
}

/** Attachments of the work orders and their cases whose content the store has and the device lacks. */
async function contentToFetch(db: CasewayDb, tasks: readonly Task[]): Promise<string[]> {
  const caseIds = [...new Set(tasks.flatMap((t) => (t.caseId ? [t.caseId] : [])))];
  const [byCase, byTask] = await Promise.all([recordTable(db, 'attachment').where('caseId').anyOf(caseIds).toArray(), recordTable(db, 'attachment').where('taskId').anyOf(tasks.map((t) => t.id)).toArray()]);
  const uploaded = [...new Map([...byCase, ...byTask].map((a) => [a.id, a])).values()].filter((a) => a.state === 'uploaded');
  const held = await db.blobs.bulkGet(uploaded.map((a) => a.id));
  return uploaded.filter((_, i) => held[i] === undefined).map((a) => a.id);
}

export async function prepareForOffline(deps: PrepareDeps): Promise<PrepareReport> {
  const { db } = deps;
  const sync: PrepareReport['sync'] = !deps.isOnline ? 'offline' : (await deps.syncNow(syncTimeoutMs)) ? 'done' : 'failed';
  const workOrderIds = await deps.selectWork();
  const tasks = (await recordTable(db, 'task').bulkGet(workOrderIds)).filter((t) => t !== undefined) as unknown as Task[];
  const report: PrepareReport = { at: deps.now().toISOString(), days: deps.days, sync, workOrderIds, history: { fetched: 0, missing: 0, isFailed: false }, content: { downloaded: 0, failed: 0 } };

  if (deps.isOnline) {
    try {
      for (const ids of chunks(await itemsOf(db, tasks), maxHistoryItems)) {
        const answer = await deps.fetchHistory(ids);
        await db.itemHistory.bulkPut(answer.items);
        report.history.fetched += answer.items.length;
        report.history.missing += answer.missing.length;
      }
    } catch {
      report.history.isFailed = true;
    }
    for (const id of await contentToFetch(db, tasks)) {
      try {
        await attachmentContent(db, deps.attachments, id);
        report.content.downloaded++;
      } catch {
        report.content.failed++;
      }
    }
  }
  try {
    localStorage.setItem(storageKey(deps.userId), JSON.stringify(report));
  } catch {
    // A full localStorage only loses the "prepared at" note; the data itself is in IndexedDB.
  }
  return report;
}
