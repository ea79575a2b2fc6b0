/**
 * The device's cache: one IndexedDB database per signed-in user, through Dexie. Record tables hold
 * the server's records with this device's pending mutations applied on top; `shadows` keep the
 * server's copy of every record a pending mutation touched; `outbox` is the durable queue of
 * mutations; `syncIssues` what the server refused or overwrote. Versions are append-only: a
 * shipped `version(n)` is never edited (renderer/db/CONTEXT.md).
 */
import { Dexie, type Table } from 'dexie';
import type { FieldIssue } from '../../shared/api/errors';
import type { RecordType } from '../../shared/domain/records';
import type { LocalRecord } from '../../shared/sync/apply';
import type { MutationName } from '../../shared/sync/mutations';
import type { FieldConflict } from '../../shared/sync/protocol';

export type OutboxEntry = {
  /** The mutation id: 1, 2, 3, … per device, in the order the user acted. */
  id: number;
  name: MutationName;
  args: unknown;
  deviceTime: string;
  /** pending: not yet answered; applied: the server applied it, its effect not yet pulled. */
  status: 'pending' | 'applied';
  /**
   * The records, other than those it writes, that applying it read when it was queued (a case
   * type, a service definition), by record key. A replay reads the cache first and falls back to
   * these, so a pending change still shows while a snapshot has not brought them back yet.
   */
  refs?: Record<string, LocalRecord>;
};

export type Shadow = { key: string; type: RecordType; id: string; base: LocalRecord | null };

export type SyncIssue = {
  id?: number;
  mutationId: number;
  name: MutationName;
  args: unknown;
  kind: 'refused' | 'overwritten';
  code: string;
  message: string;
  issues: FieldIssue[];
  conflicts: FieldConflict[];
  deviceTime: string;
  serverTime: string;
  isDismissed: 0 | 1;
};

/** The bytes of an attachment on this device: a file taken offline, or content downloaded on demand. */
export type StoredBlob = {
  id: string;
  blob: Blob;
  /** pending: not yet fully uploaded; uploaded: the store has it; downloaded: fetched from the store. */
  state: 'pending' | 'uploaded' | 'downloaded';
};

export type SyncMeta = {
  key: 'sync';
  deviceId: string;
  userId: string;
  orgId: string;
  cursor: string | null;
  /** The highest mutation id the device has used. */
  lastQueuedId: number;
  /** The highest mutation id whose effect the cached server state includes. */
  lastMutationId: number;
  lastSyncAt: string | null;
  /** A snapshot in progress (first bootstrap or a reset) that has not reached its last page. */
  isSnapshotting: boolean;
  /** Records received by the snapshot in progress (for its progress display). */
  snapshotRecords?: number;
  /** When the cache was last checked against the scope's counts (SPEC P9). */
  lastVerifiedAt?: string | null;
  /**
   * A snapshot over records the device already held (a reset, SPEC P6): the held records stay
   * visible while it runs; the ones it did not bring again leave at its end.
   */
  isSweeping?: boolean;
  /** The last divergence found and repaired by a fresh snapshot. */
  lastRepair?: { at: string; differences: { type: RecordType; device: number; server: number }[] } | null;
};

/** Version 1 of the record tables: primary key and the indexes the workstation queries by. */
export const recordStoresV1: Record<Exclude<RecordType, 'playbookStep'>, string> = {
  organization: 'id',
  address: 'id',
  serviceOrganization: 'id, parentId, managerId',
  businessLocation: 'id, serviceOrganizationId, addressId',
  role: 'id',
  skill: 'id',
  user: 'id, serviceOrganizationId, businessLocationId, username',
  group: 'id, serviceOrganizationId, managerId',
  groupMember: 'id, groupId, userId',
  userSkill: 'id, userId, skillId',
  account: 'id, parentAccountId, addressId, primaryContactId, name, number',
  contact: 'id, accountId, lastName, email, phone',
  consumer: 'id, addressId, lastName, email, phone, mobile, constituentNumber',
  household: 'id, addressId, primaryConsumerId',
  householdMember: 'id, householdId, consumerId',
  productModel: 'id',
  catalogItem: 'id, productModelId',
  soldProduct: 'id, productModelId, parentSoldProductId, accountId, consumerId, householdId',
  installBaseItem: 'id, parentId, rootId, soldProductId, productModelId, accountId, consumerId, householdId, locationId, addressId, serialNumber',
  asset: 'id, productModelId, installBaseItemId',
  serviceContract: 'id, accountId, consumerId',
  contractLine: 'id, contractId, productModelId, soldProductId, installBaseItemId',
  entitlement: 'id, contractId, accountId, consumerId, productModelId, soldProductId, installBaseItemId, assetId',
  caseType: 'id, key',
  slaDefinition: 'id, caseTypeId',
  playbookDefinition: 'id, caseTypeId',
  serviceDefinition: 'id, caseTypeId, catalogItemId, playbookDefinitionId, defaultGroupId',
  interaction: 'id, consumerId, contactId, accountId, agentId, caseId, number, startedAt, fromAddress',
  case: 'id, caseTypeId, accountId, contactId, consumerId, householdId, installBaseItemId, assignmentGroupId, assignedToId, openedById, number, state, priority, openedAt, updatedAt, [assignmentGroupId+state], [assignedToId+state]',
  task: 'id, caseId, assignmentGroupId, assignedToId, locationId, addressId, installBaseItemId, state, scheduledStart, [assignedToId+state]',
  caseSla: 'id, caseId, slaDefinitionId',
  relatedParty: 'id, caseId, subjectId, partyId',
  contributor: 'id, caseId, userId',
  approval: 'id, caseId, taskId, approverId, requestedById',
  journalEntry: 'id, caseId, taskId, authorId, [caseId+createdAt]',
  fieldHistory: 'id, caseId, changedById, recordId, [caseId+createdAt]',
  attachment: 'id, caseId, taskId, uploadedById',
};

export const metaStoresV1 = {
  outbox: 'id, status',
  shadows: 'key',
  syncIssues: '++id, mutationId, isDismissed',
  meta: 'key',
};

/** Version 2 adds attachment content; every v1 table and row is kept as it was. */
export const storesV2 = { blobs: 'id, state' };

/** Version 3 adds playbook steps and the playbook a case runs. */
export const storesV3 = {
  playbookStep: 'id, caseId, [caseId+activityKey]',
  case: `${recordStoresV1.case}, playbookDefinitionId`,
  approval: 'id, caseId, taskId, approverId, requestedById, approverRole, state',
  playbookDefinition: 'id, caseTypeId, key',
};

/**
 * Version 4 (supervisors and field work): work orders by assignee and schedule, and what a
 * technician's device keeps of its install base items' history (earlier cases and work, read
 * from the store by "prepare for offline"; not a synced record type).
 */
export const storesV4 = {
  task: `${recordStoresV1.task}, [assignedToId+scheduledStart]`,
  itemHistory: 'installBaseItemId',
};

/**
 * Version 5: the keys a re-snapshot has brought so far (SPEC P6), so the records it does not bring
 * again can leave at its end instead of the whole cache being emptied at its start.
 */
export const storesV5 = { snapshotSeen: 'key' };

/** Earlier cases and work on one install base item (and its components), as the store last told. */
export type ItemHistory = {
  installBaseItemId: string;
  fetchedAt: string;
  cases: { id: string; number: string; shortDescription: string; state: string; openedAt: string; resolvedAt: string | null; resolutionCode: string | null; installBaseItemId: string | null }[];
  work: { id: string; number: string; caseId: string | null; shortDescription: string; state: string; completedAt: string | null; assignedToName: string | null; partsUsed: { partNumber: string; name: string; quantity: number }[]; notes: string[] }[];
};

export type CasewayDb = Dexie & {
  blobs: Table<StoredBlob, string>;
  outbox: Table<OutboxEntry, number>;
  shadows: Table<Shadow, string>;
  syncIssues: Table<SyncIssue, number>;
  meta: Table<SyncMeta, string>;
  itemHistory: Table<ItemHistory, string>;
  snapshotSeen: Table<{ key: string }, string>;
};

export type OpenOptions = {
  /** Durability of read-write transactions: strict where the user's own changes are written. */
  durability: 'strict' | 'relaxed' | 'default';
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
};

export function databaseName(userId: string): string {
  return `caseway-${userId}`;
}

export function openCache(name: string, options: OpenOptions): CasewayDb {
  const db = new Dexie(name, {
    chromeTransactionDurability: options.durability,
    ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
    ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
  }) as CasewayDb;
  db.version(1).stores({ ...recordStoresV1, ...metaStoresV1 });
  db.version(2).stores(storesV2);
  // Steps written by other devices before this one upgraded sit below its cursor: pull the scope
  // again once (the outbox and its shadows stay, SPEC D2), as a repair does.
  db.version(3)
    .stores(storesV3)
    .upgrade(async (tx) => {
      await tx.table('meta').where('key').equals('sync').modify({ cursor: null });
    });
  // New fields (case types' skills, work orders' work log) on records pulled before: pull again once.
  db.version(4)
    .stores(storesV4)
    .upgrade(async (tx) => {
      await tx.table('meta').where('key').equals('sync').modify({ cursor: null });
    });
  db.version(5).stores(storesV5);
  // Another window upgrading the schema: let it, and reload into the new version.
  db.on('versionchange', () => {
    db.close();
    return false;
  });
  return db;
}

export function recordTable(db: CasewayDb, type: RecordType): Table<LocalRecord, string> {
  return db.table(type);
}
