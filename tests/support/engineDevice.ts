/** A real device engine (renderer/sync) in Node: fake-indexeddb for IndexedDB, HTTP to the real store. */
import { randomUUID } from 'node:crypto';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { openCache, type CasewayDb } from '../../renderer/db/database';
import { initCache, SyncEngine, type SyncTransport } from '../../renderer/sync/engine';
import { httpTransport } from '../../renderer/sync/httpTransport';
import type { AttachmentTransport } from '../../renderer/sync/attachments';
import { mutate, mutateMany } from '../../renderer/sync/mutate';
import type { MutationName } from '../../shared/sync/mutations';
import { demoPassword } from '../../server/seed/catalog';
import { call, type Harness } from './harness';

export type EngineDevice = {
  db: CasewayDb;
  engine: SyncEngine;
  token: string;
  userId: string;
  orgId: string;
  deviceId: string;
  dbName: string;
  /** Makes the transport fail as if offline (true) or work again (false). */
  setOffline(isOffline: boolean): void;
  attachments: AttachmentTransport;
  mutate(name: MutationName, args: unknown, now?: string): Promise<number>;
  /** Several intents of one user action, queued in one transaction (all or none), in order. */
  mutateMany(items: readonly { name: MutationName; args: unknown }[], now?: string): Promise<number[]>;
  /** Closes the database and opens it again, as an app restart does. */
  restart(): Promise<EngineDevice>;
};

export async function engineDevice(h: Harness, username: string, options: { deviceId?: string; dbName?: string; pageSize?: number; verifyEveryMs?: number; wrap?: (t: SyncTransport) => SyncTransport; wrapAttachments?: (t: AttachmentTransport) => AttachmentTransport } = {}): Promise<EngineDevice> {
  const deviceId = options.deviceId ?? randomUUID();
  const r = await call(h, 'POST', '/api/auth/login', { body: { username, password: demoPassword, deviceName: 'engine test', deviceId } });
  if (r.status !== 200) throw new Error(JSON.stringify(r.body));
  const token: string = r.body.token;
  const userId: string = r.body.user.id;
  const orgId: string = r.body.user.orgId;
  const dbName = options.dbName ?? `caseway-test-${randomUUID()}`;
  let isOffline = false;
  const base = httpTransport(h.baseUrl, () => token);
  const gated: SyncTransport = {
    push: (req) => (isOffline ? Promise.reject(new Error('offline')) : base.push(req)),
    pull: (req) => (isOffline ? Promise.reject(new Error('offline')) : base.pull(req)),
  };
  const transport = options.wrap ? options.wrap(gated) : gated;
  const db = openCache(dbName, { durability: 'strict', indexedDB, IDBKeyRange });
  await initCache(db, { userId, orgId, deviceId });
  const offlineError = (): Promise<never> => Promise.reject(new Error('offline'));
  const gatedAttachments: AttachmentTransport = {
    uploadStatus: (id) => (isOffline ? offlineError() : base.uploadStatus(id)),
    putChunk: (id, index, data) => (isOffline ? offlineError() : base.putChunk(id, index, data)),
    complete: (id, sha) => (isOffline ? offlineError() : base.complete(id, sha)),
    download: (id) => (isOffline ? offlineError() : base.download(id)),
  };
  const attachments: AttachmentTransport = options.wrapAttachments ? options.wrapAttachments(gatedAttachments) : gatedAttachments;
  const engine = new SyncEngine(db, transport, { userId, orgId, deviceId }, options.pageSize ?? 2000, attachments, options.verifyEveryMs);
  const device: EngineDevice = {
    db,
    engine,
    token,
    userId,
    orgId,
    deviceId,
    dbName,
    attachments,
    setOffline: (value) => {
      isOffline = value;
    },
    mutate: (name, args, now = new Date().toISOString()) => mutate(db, name, args, { userId, orgId, now }),
    mutateMany: (items, now = new Date().toISOString()) => mutateMany(db, items, { userId, orgId, now }),
    restart: async () => {
      db.close();
      return engineDevice(h, username, { ...options, deviceId, dbName });
    },
  };
  return device;
}
