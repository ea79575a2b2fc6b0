/**
 * Everything the case form shows, read from the local cache in one go: the case, its type and life
 * cycle, SLA clocks, tasks, attachments, related records, related parties, contributors, and the
 * activity stream (comments, work notes and field history merged in time order). Records with a
 * pending local change are marked, so the form can say what has not reached the store yet.
 */
import type { Attachment } from '../../shared/domain/attachment';
import type { Case } from '../../shared/domain/case';
import type { Lifecycle } from '../../shared/domain/caseLifecycle';
import { caseTypeDef, type CaseField } from '../../shared/domain/caseType';
import type { Contributor, RelatedParty } from '../../shared/domain/collaboration';
import type { Entitlement, ServiceContract } from '../../shared/domain/contract';
import type { FieldHistory } from '../../shared/domain/fieldHistory';
import type { JournalEntry } from '../../shared/domain/journal';
import type { RecordType } from '../../shared/domain/records';
import type { CaseSla, SlaDefinition } from '../../shared/domain/sla';
import type { Task } from '../../shared/domain/task';
import type { LocalRecord } from '../../shared/sync/apply';
import { recordTitle } from '../app/recordTitle';
import type { RecordKind } from '../app/uiStore';
import { recordTable, type CasewayDb } from '../db/database';

/** A journal entry or field change, as one line of the activity stream. */
export type ActivityItem =
  | { kind: 'journal'; id: string; at: string; entry: JournalEntry; authorName: string; isPending: boolean; isOffline: boolean }
  | { kind: 'history'; id: string; at: string; change: FieldHistory; authorName: string; isOffline: boolean };

export type PartyLine = { party: RelatedParty; name: string; open: { kind: RecordKind; id: string } | null };
export type Linked = { kind: RecordKind; id: string; name: string } | null;

export type CaseView = {
  c: Case;
  typeName: string;
  lifecycle: Lifecycle | null;
  fields: CaseField[];
  resolutionCodes: string[];
  slas: { clock: CaseSla; name: string; target: string }[];
  tasks: (Task & { isPending: boolean; assigneeName: string })[];
  attachments: (Attachment & { isPending: boolean; uploaderName: string })[];
  activity: ActivityItem[];
  customer: Linked;
  contactAccount: Linked;
  household: Linked;
  soldProduct: LocalRecord | null;
  installBaseItem: LocalRecord | null;
  asset: LocalRecord | null;
  contract: ServiceContract | null;
  entitlement: Entitlement | null;
  location: LocalRecord | null;
  parties: PartyLine[];
  contributors: (Contributor & { name: string; addedByName: string })[];
  groupName: string;
  assigneeName: string;
  groups: { id: string; name: string }[];
  isPending: boolean;
  lastSyncAt: string | null;
  /** Users' and groups' names by id (field history shows names, not ids). */
  names: ReadonlyMap<string, string>;
};

/** Made offline: it waited on the device for more than a minute before the store received it. */
export function wasMadeOffline(deviceTime: string | null | undefined, receivedAt: string): boolean {
  if (!deviceTime) return false;
  return Date.parse(receivedAt) - Date.parse(deviceTime) > 60_000;
}

async function get(db: CasewayDb, type: RecordType, id: string | null | undefined): Promise<LocalRecord | null> {
  return id ? ((await recordTable(db, type).get(id)) ?? null) : null;
}

/** Ids of the records of `type` with a change on this device the store has not received yet. */
export async function pendingIds(db: CasewayDb, type: RecordType): Promise<Set<string>> {
  const keys = await db.shadows.where('key').startsWith(`${type}:`).primaryKeys();
  return new Set(keys.map((k) => String(k).slice(type.length + 1)));
}

/**
 * Reads run in three parallel rounds (the case; what hangs off it; what those point at), not one
 * after another: while the sync or search worker reads the same database, each round waits its
 * turn once rather than once per record.
 */
export async function loadCaseView(db: CasewayDb, caseId: string): Promise<CaseView | null> {
  const c = (await recordTable(db, 'case').get(caseId)) as unknown as Case | undefined;
  if (!c) return null;
  const byCase = (type: RecordType) => recordTable(db, type).where('caseId').equals(caseId).toArray();
  const [type, userRecords, groupRecords, clocks, slaDefs, pendingTasks, pendingJournal, pendingAttachments, pendingCases, taskRecords, attachmentRecords, journalRecords, historyRecords, partyRecords, contributorRecords, meta, consumer, contact, household, soldProduct, installBaseItem, asset, contract, entitlement, location] =
    await Promise.all([
      get(db, 'caseType', c.caseTypeId),
      recordTable(db, 'user').toArray(),
      recordTable(db, 'group').toArray(),
      byCase('caseSla'),
      recordTable(db, 'slaDefinition').toArray(),
      pendingIds(db, 'task'),
      pendingIds(db, 'journalEntry'),
      pendingIds(db, 'attachment'),
      pendingIds(db, 'case'),
      byCase('task'),
      byCase('attachment'),
      byCase('journalEntry'),
      byCase('fieldHistory'),
      byCase('relatedParty'),
      byCase('contributor'),
      db.meta.get('sync'),
      get(db, 'consumer', c.consumerId),
      get(db, 'contact', c.contactId),
      get(db, 'household', c.householdId),
      get(db, 'soldProduct', c.soldProductId),
      get(db, 'installBaseItem', c.installBaseItemId),
      get(db, 'asset', c.assetId),
      get(db, 'serviceContract', c.contractId),
      get(db, 'entitlement', c.entitlementId),
      get(db, 'businessLocation', c.locationId),
    ]);
  const parsedType = type ? caseTypeDef.record.safeParse(type) : null;
  const users = new Map(userRecords.map((u) => [u.id, String(u.displayName)]));
  const userName = (id: string | null | undefined): string => (id ? (users.get(id) ?? '') : '');
  const groups = groupRecords.map((g) => ({ id: g.id, name: String(g.name), kind: String(g.kind) }));
  const slaDefById = new Map((slaDefs as unknown as SlaDefinition[]).map((d) => [d.id, d]));
  const slas = (clocks as unknown as CaseSla[]).map((clock) => ({ clock, name: slaDefById.get(clock.slaDefinitionId)?.name ?? '', target: slaDefById.get(clock.slaDefinitionId)?.target ?? 'resolution' }));
  const tasks = (taskRecords as unknown as Task[])
    .map((t) => ({ ...t, isPending: pendingTasks.has(t.id), assigneeName: userName(t.assignedToId) }))
    .sort((a, b) => (a.scheduledStart ?? a.createdAt).localeCompare(b.scheduledStart ?? b.createdAt));
  const attachments = (attachmentRecords as unknown as Attachment[])
    .map((a) => ({ ...a, isPending: pendingAttachments.has(a.id), uploaderName: userName(a.uploadedById) }))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const activity: ActivityItem[] = [
    ...(journalRecords as unknown as JournalEntry[]).map(
      (entry): ActivityItem => ({
        kind: 'journal',
        id: entry.id,
        at: entry.deviceTime ?? entry.createdAt,
        entry,
        authorName: userName(entry.authorId),
        isPending: pendingJournal.has(entry.id),
        isOffline: pendingJournal.has(entry.id) ? !navigator.onLine : wasMadeOffline(entry.deviceTime, entry.createdAt),
      }),
    ),
    ...(historyRecords as unknown as FieldHistory[]).map((change): ActivityItem => ({ kind: 'history', id: change.id, at: change.deviceTime ?? change.createdAt, change, authorName: userName(change.changedById), isOffline: wasMadeOffline(change.deviceTime, change.createdAt) })),
  ].sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id));

  const parties = partyRecords as unknown as RelatedParty[];
  const [account, partyTargets] = await Promise.all([
    get(db, 'account', c.accountId ?? (contact ? String(contact.accountId) : null)),
    Promise.all(parties.map((party) => (party.partyType === 'user' ? Promise.resolve(null) : get(db, party.partyType, party.partyId)))),
  ]);
  const customer: Linked = consumer
    ? { kind: 'consumer', id: consumer.id, name: recordTitle('consumer', consumer) }
    : contact
      ? { kind: 'contact', id: contact.id, name: recordTitle('contact', contact) }
      : account
        ? { kind: 'account', id: account.id, name: recordTitle('account', account) }
        : null;
  const partyLines: PartyLine[] = parties.map((party, index) => {
    const kind = party.partyType === 'user' || party.partyType === 'serviceOrganization' ? null : party.partyType;
    const record = partyTargets[index] ?? null;
    const name = party.partyType === 'user' ? userName(party.partyId) : party.partyType === 'serviceOrganization' ? String(record?.name ?? '') : kind ? recordTitle(kind, record ?? undefined) : '';
    return { party, name, open: kind && record ? { kind, id: party.partyId } : null };
  });
  const contributors = (contributorRecords as unknown as Contributor[]).map((x) => ({ ...x, name: userName(x.userId), addedByName: userName(x.addedById) }));

  return {
    c,
    typeName: parsedType?.success ? parsedType.data.name : '',
    lifecycle: parsedType?.success ? parsedType.data.lifecycle : null,
    fields: parsedType?.success ? parsedType.data.fields : [],
    resolutionCodes: parsedType?.success ? parsedType.data.resolutionCodes : [],
    slas,
    tasks,
    attachments,
    activity,
    customer,
    contactAccount: contact && account ? { kind: 'account', id: account.id, name: recordTitle('account', account) } : null,
    household: household ? { kind: 'household', id: household.id, name: recordTitle('household', household) } : null,
    soldProduct,
    installBaseItem,
    asset,
    contract: contract as unknown as ServiceContract | null,
    entitlement: entitlement as unknown as Entitlement | null,
    location,
    parties: partyLines,
    contributors,
    groupName: groups.find((g) => g.id === c.assignmentGroupId)?.name ?? '',
    assigneeName: userName(c.assignedToId),
    groups: groups.filter((g) => g.kind !== 'approval').map(({ id, name }) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
    isPending: pendingCases.has(caseId),
    lastSyncAt: meta?.lastSyncAt ?? null,
    names: new Map([...users, ...groups.map((g) => [g.id, g.name] as const)]),
  };
}

/** The members of a group, by name (for assigning to an agent of that group). */
export async function groupMembers(db: CasewayDb, groupId: string): Promise<{ id: string; name: string }[]> {
  const members = await recordTable(db, 'groupMember').where('groupId').equals(groupId).toArray();
  const users = await recordTable(db, 'user').bulkGet(members.map((m) => String(m.userId)));
  return users
    .filter((u): u is LocalRecord => u !== undefined && u.isActive !== false && u.isExternal !== true)
    .map((u) => ({ id: u.id, name: String(u.displayName) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
