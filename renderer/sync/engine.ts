/**
 * The device's sync engine (SPEC): pushes the outbox in order, pulls the scope page by page, and
 * writes each page and its cursor in one transaction, rebuilding the pending overlay on top.
 * Transport-agnostic, so it runs in the workstation's worker over HTTP and in Node tests.
 */
import { recordPolicies } from '../../shared/access/policy';
import { isRecordType, type RecordType } from '../../shared/domain/records';
import type { LocalRecord } from '../../shared/sync/apply';
import { recordKey, touches } from '../../shared/sync/apply';
import { protocolVersion, type PullRequest, type PullResponse, type PushRequest, type PushResponse } from '../../shared/sync/protocol';
import { recordTable, type CasewayDb, type SyncMeta } from '../db/database';
import { uploadPendingBlobs, type AttachmentTransport } from './attachments';
import { allTables, rebuildOverlay } from './overlay';

export type SyncTransport = {
  push(request: PushRequest): Promise<PushResponse>;
  pull(request: PullRequest): Promise<PullResponse>;
};

export type SyncIdentity = { userId: string; orgId: string; deviceId: string };

/** Record types that belong to a case and leave the device with it (SPEC P3). */
const caseOwnedTypes = (Object.keys(recordPolicies) as RecordType[]).filter((t) => recordPolicies[t].scope === 'caseChild' || recordPolicies[t].scope === 'task');

export async function initCache(db: CasewayDb, identity: SyncIdentity): Promise<SyncMeta> {
  return db.transaction('rw', db.meta, async () => {
    const existing = await db.meta.get('sync');
    if (existing) return existing;
    const meta: SyncMeta = { key: 'sync', ...identity, cursor: null, lastQueuedId: 0, lastMutationId: 0, lastSyncAt: null, isSnapshotting: true };
    await db.meta.put(meta);
    return meta;
  });
}

export class SyncEngine {
  constructor(
    readonly db: CasewayDb,
    readonly transport: SyncTransport,
    readonly identity: SyncIdentity,
    /** Records per pulled page, each written in one IndexedDB transaction (DESIGN §3: 1–5k). */
    readonly pageSize = 5000,
    /** Where attachment content goes; without it content stays on the device. */
    readonly attachments: AttachmentTransport | null = null,
    /** How often a sync asks the store for its scope's counts to detect a diverged cache (SPEC P9). */
    readonly verifyEveryMs = 10 * 60_000,
  ) {}

  private ctx() {
    return { userId: this.identity.userId, orgId: this.identity.orgId };
  }

  /** Sends pending mutations (up to 500) and records the answers. Returns how many were answered. */
  async pushOnce(): Promise<number> {
    const pending = await this.db.outbox.where('status').equals('pending').sortBy('id');
    const batch = pending.slice(0, 500);
    if (batch.length === 0) return 0;
    const response = await this.transport.push({ protocolVersion, mutations: batch.map((m) => ({ id: m.id, name: m.name, args: m.args, deviceTime: m.deviceTime })) });
    let answered = 0;
    const refusedKeys = new Set<string>();
    await this.db.transaction('rw', allTables(this.db), async () => {
      for (const result of response.results) {
        const entry = batch.find((m) => m.id === result.id);
        if (!entry) continue;
        if (result.status === 'applied') {
          answered++;
          await this.db.outbox.update(entry.id, { status: 'applied' });
          if (result.conflicts.length) {
            await this.db.syncIssues.add({ mutationId: entry.id, name: entry.name, args: entry.args, kind: 'overwritten', code: 'overwritten', message: `${result.conflicts.map((c) => c.field).join(', ')} had been changed by someone else; your value was applied`, issues: [], conflicts: result.conflicts, deviceTime: entry.deviceTime, serverTime: result.serverTime, isDismissed: 0 });
          }
        } else if (result.status === 'refused') {
          answered++;
          for (const k of touches(entry.name, entry.args)) refusedKeys.add(recordKey(k.type, k.id));
          await this.db.outbox.delete(entry.id);
          await this.db.syncIssues.add({ mutationId: entry.id, name: entry.name, args: entry.args, kind: 'refused', code: result.code, message: result.message, issues: result.issues, conflicts: [], deviceTime: entry.deviceTime, serverTime: result.serverTime, isDismissed: 0 });
        }
      }
      // A refusal takes its optimistic effect away; re-run what is still pending over the server's copies.
      await rebuildOverlay(this.db, this.ctx(), refusedKeys);
    });
    return answered;
  }

  /** Pulls one page and applies it with its cursor in one transaction. */
  async pullOnce(): Promise<PullResponse> {
    const meta = await this.db.meta.get('sync');
    const page = await this.transport.pull({ protocolVersion, cursor: meta?.cursor ?? null, limit: this.pageSize });
    await this.applyPage(page);
    return page;
  }

  async applyPage(page: PullResponse): Promise<void> {
    await this.db.transaction('rw', allTables(this.db), async () => {
      const meta = await this.db.meta.get('sync');
      if (!meta) throw new Error('the cache has not been set up');
      const isSweeping = page.reset ? await this.startSnapshot() : meta.isSweeping === true;
      const shadowKeys = new Set((await this.db.shadows.toCollection().primaryKeys()).map(String));
      // Records under a shadow that changed, or touched by a mutation that left the outbox, are rebuilt.
      const changed = new Set<string>(page.reset ? shadowKeys : []);
      if (isSweeping && page.puts.length) await this.db.snapshotSeen.bulkPut(page.puts.map((p) => ({ key: recordKey(p.type, String(p.record.id)) })));
      const puts = new Map<RecordType, LocalRecord[]>();
      for (const p of page.puts) {
        const record = p.record as LocalRecord;
        const key = recordKey(p.type, record.id);
        if (shadowKeys.has(key)) {
          await this.db.shadows.update(key, { base: record });
          changed.add(key);
        } else {
          const list = puts.get(p.type);
          if (list) list.push(record);
          else puts.set(p.type, [record]);
        }
      }
      for (const [type, records] of puts) await recordTable(this.db, type).bulkPut(records);
      for (const d of page.deletes) await this.deleteLocally(d.type, d.id, shadowKeys, changed);
      // SPEC P11: records of these types that the scope no longer holds leave the device.
      for (const { type, ids } of page.retain ?? []) {
        if (!isRecordType(type)) continue;
        const kept = new Set(ids);
        const held = (await recordTable(this.db, type).toCollection().primaryKeys()).map(String);
        for (const id of held) if (!kept.has(id)) await this.deleteLocally(type, id, shadowKeys, changed);
      }
      // A pending mutation that read a record this page changed (its case type) is re-run too.
      const pageKeys = new Set([...page.puts.map((p) => recordKey(p.type, String(p.record.id))), ...page.deletes.map((d) => recordKey(d.type, d.id))]);
      await this.db.outbox.each((m) => {
        if (m.refs && Object.keys(m.refs).some((k) => pageKeys.has(k))) for (const k of touches(m.name, m.args)) changed.add(recordKey(k.type, k.id));
      });
      const isComplete = !page.hasMore;
      if (isComplete && isSweeping) await this.sweep(shadowKeys, changed);
      if (isComplete) {
        // The checkpoint is whole: mutations the server applied are in it now and leave the overlay.
        const acked = await this.db.outbox.where('id').belowOrEqual(page.lastMutationId).filter((m) => m.status === 'applied').toArray();
        for (const m of acked) for (const k of touches(m.name, m.args)) changed.add(recordKey(k.type, k.id));
        await this.db.outbox.bulkDelete(acked.map((m) => m.id));
      }
      await rebuildOverlay(this.db, this.ctx(), changed);
      const differences = isComplete && page.counts ? await this.divergence(page.counts) : [];
      const verified = isComplete && page.counts ? { lastVerifiedAt: new Date().toISOString() } : {};
      // A diverged cache is repaired by a fresh snapshot (the outbox stays); the next pull starts it.
      const repair = differences.length ? { cursor: null, lastRepair: { at: page.serverTime, differences } } : { cursor: page.cursor };
      await this.db.meta.update('sync', {
        ...repair,
        ...verified,
        lastSyncAt: page.serverTime,
        snapshotRecords: (page.reset ? 0 : (meta.snapshotRecords ?? 0)) + page.puts.length,
        isSweeping: isSweeping && !isComplete,
        ...(isComplete ? { lastMutationId: Math.max(meta.lastMutationId, page.lastMutationId), isSnapshotting: false } : {}),
      });
    });
  }

  /**
   * The types whose count of server records on the device differs from the scope's (SPEC P9).
   * Records tables also hold the pending overlay: records created locally (shadow without a base)
   * are not the server's, records deleted locally (shadow with a base, record gone) still are.
   */
  private async divergence(counts: Partial<Record<RecordType, number>>): Promise<{ type: RecordType; device: number; server: number }[]> {
    const adjust = new Map<RecordType, number>();
    for (const shadow of await this.db.shadows.toArray()) {
      const isPresent = (await recordTable(this.db, shadow.type).get(shadow.id)) !== undefined;
      const delta = shadow.base === null ? (isPresent ? -1 : 0) : isPresent ? 0 : 1;
      adjust.set(shadow.type, (adjust.get(shadow.type) ?? 0) + delta);
    }
    const out: { type: RecordType; device: number; server: number }[] = [];
    for (const [type, server] of Object.entries(counts) as [RecordType, number][]) {
      if (!isRecordType(type)) continue;
      const device = (await recordTable(this.db, type).count()) + (adjust.get(type) ?? 0);
      if (device !== server) out.push({ type, device, server });
    }
    return out;
  }

  /**
   * A reset (SPEC P6): the server's state is replaced; the outbox and the shadows stay. The records
   * held stay visible (and readable by work queued meanwhile) until the snapshot's end, when those
   * it did not bring again leave (`sweep`). Whether there is anything to sweep is returned.
   */
  private async startSnapshot(): Promise<boolean> {
    await this.db.snapshotSeen.clear();
    let isHeld = false;
    for (const table of this.db.tables) {
      if (isRecordType(table.name) && (await table.limit(1).count()) > 0) isHeld = true;
    }
    await this.db.meta.update('sync', { isSnapshotting: true });
    return isHeld;
  }

  /**
   * The end of a re-snapshot: every server record it did not bring leaves the device. A record under
   * a shadow loses its server copy (pending work over it is re-run, so a local create stays);
   * nothing cascades, since a record the snapshot brought is in the scope whatever its case.
   */
  private async sweep(shadowKeys: Set<string>, changed: Set<string>): Promise<void> {
    const seen = new Set((await this.db.snapshotSeen.toCollection().primaryKeys()).map(String));
    for (const table of this.db.tables) {
      if (!isRecordType(table.name)) continue;
      const type = table.name;
      const gone = (await table.toCollection().primaryKeys()).map(String).filter((id) => {
        const key = recordKey(type, id);
        return !seen.has(key) && !shadowKeys.has(key);
      });
      await table.bulkDelete(gone);
    }
    // Under a shadow (the table shows the pending work's result, or nothing if it deleted the record).
    for (const key of shadowKeys) {
      if (seen.has(key)) continue;
      const shadow = await this.db.shadows.get(key);
      if (shadow?.base) {
        await this.db.shadows.update(key, { base: null });
        changed.add(key);
      }
    }
    await this.db.snapshotSeen.clear();
  }

  private async deleteLocally(type: RecordType, id: string, shadowKeys: Set<string>, changed: Set<string>): Promise<void> {
    const key = recordKey(type, id);
    if (shadowKeys.has(key)) {
      await this.db.shadows.update(key, { base: null });
      changed.add(key);
    } else {
      await recordTable(this.db, type).delete(id);
    }
    if (type !== 'case') return;
    for (const child of caseOwnedTypes) {
      const ids = await recordTable(this.db, child).where('caseId').equals(id).primaryKeys();
      for (const childId of ids) await this.deleteLocally(child, String(childId), shadowKeys, changed);
    }
  }

  /** Push everything, upload attachment content, then pull until the checkpoint is complete. */
  async syncNow(): Promise<{ pushed: number; pages: number }> {
    let pushed = 0;
    for (;;) {
      const n = await this.pushOnce();
      pushed += n;
      if (n === 0) break;
    }
    if (this.attachments) await uploadPendingBlobs(this.db, this.attachments);
    let pages = await this.pullToCheckpoint();
    // A divergence found by the check was answered by dropping the cursor: repair it now, once.
    if ((await this.db.meta.get('sync'))?.cursor === null) pages += await this.pullToCheckpoint();
    return { pushed, pages };
  }

  /** Pulls pages until a complete checkpoint; while one page is written, the next is on its way. */
  private async pullToCheckpoint(): Promise<number> {
    const meta = await this.db.meta.get('sync');
    const lastVerified = meta?.lastVerifiedAt ? Date.parse(meta.lastVerifiedAt) : 0;
    const verify = (meta?.isSnapshotting ?? true) || Date.now() - lastVerified >= this.verifyEveryMs;
    const fetchPage = (cursor: string | null): Promise<PullResponse> => {
      const request = this.transport.pull({ protocolVersion, cursor, limit: this.pageSize, verify });
      request.catch(() => undefined); // awaited below; never left unhandled if a write fails first
      return request;
    };
    let pages = 0;
    let next = fetchPage(meta?.cursor ?? null);
    for (;;) {
      const page = await next;
      if (page.hasMore) next = fetchPage(page.cursor);
      await this.applyPage(page);
      pages++;
      if (!page.hasMore) return pages;
    }
  }
}
