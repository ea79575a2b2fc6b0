/**
 * What the field work view shows, read only from the device's cache (so it works offline): the
 * technician's work orders and inspections, and for one of them its site, install base item with
 * its tree, the item's history (kept by "prepare for offline"), the people to meet, the contract
 * and entitlement covering the work, its notes and attachments (with whether their content is on
 * the device), and how much of that the device holds (readiness).
 */
import type { Attachment } from '../../shared/domain/attachment';
import type { Entitlement, ServiceContract } from '../../shared/domain/contract';
import type { JournalEntry } from '../../shared/domain/journal';
import { fieldTaskKinds } from '../../shared/domain/workOrder';
import type { Task } from '../../shared/domain/task';
import type { LocalRecord } from '../../shared/sync/apply';
import { recordTitle } from '../app/recordTitle';
import { loadCaseView, pendingIds, type CaseView } from '../cases/caseData';
import { recordTable, type CasewayDb, type ItemHistory } from '../db/database';
import { contractStatus, entitlementStatus, type ContractStatus, type EntitlementStatus } from '../people/entitlementStatus';
import { allNodeIds, buildProductTree, type InstallBaseLike, type ProductNode, type SoldProductLike } from '../people/productTree';
import type { Holdings } from './readiness';

export type WorkRow = {
  id: string;
  number: string;
  kind: Task['kind'];
  shortDescription: string;
  state: Task['state'];
  priority: number;
  scheduledStart: string | null;
  completedAt: string | null;
  caseId: string | null;
  caseNumber: string;
  site: string | null;
  isPending: boolean;
};

export type PersonLine = {
  key: string;
  /** What the person is to the case: consumer, contact, account, or a related party's relationship. */
  role: string;
  name: string;
  phone: string | null;
  mobile: string | null;
  email: string | null;
};

export type WorkAttachment = Attachment & { isPending: boolean; hasContent: boolean; isOfWorkOrder: boolean };

export type WorkOrderView = {
  task: Task;
  isPending: boolean;
  caseView: CaseView | null;
  site: { name: string | null; address: string | null; expected: boolean; held: boolean };
  item: (InstallBaseLike & { productModelId: string | null }) | null;
  itemExpected: boolean;
  tree: ProductNode[];
  treeSize: number;
  history: ItemHistory | null;
  people: PersonLine[];
  peopleExpected: number;
  contract: { record: ServiceContract; status: ContractStatus } | null;
  entitlement: { record: Entitlement; status: EntitlementStatus } | null;
  coverageExpected: number;
  playbook: { expected: boolean; held: boolean };
  notes: (JournalEntry & { isPending: boolean })[];
  attachments: WorkAttachment[];
};

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

export function addressLine(a: LocalRecord | undefined | null): string | null {
  if (!a) return null;
  const place = [str(a.city), str(a.region), str(a.postalCode)].filter(Boolean).join(' ');
  return [str(a.line1), str(a.line2), place].filter(Boolean).join(', ') || null;
}

async function get(db: CasewayDb, type: Parameters<typeof recordTable>[1], id: unknown): Promise<LocalRecord | null> {
  return typeof id === 'string' ? ((await recordTable(db, type).get(id)) ?? null) : null;
}

/** The site of a work order: its business location (with that location's address), else its address, else the case's location. */
async function siteOf(db: CasewayDb, task: LocalRecord, kase: LocalRecord | null): Promise<WorkOrderView['site']> {
  const locationId = str(task.locationId) ?? str(kase?.locationId);
  const location = await get(db, 'businessLocation', locationId);
  const addressId = str(task.addressId) ?? str(location?.addressId);
  const address = await get(db, 'address', addressId);
  const expected = locationId !== null || addressId !== null;
  return { name: str(location?.name), address: addressLine(address), expected, held: expected && (locationId === null || location !== null) && (addressId === null || address !== null) };
}

/** The technician's work orders and inspections (assigned to it), with their case number and site. */
export async function loadMyWork(db: CasewayDb, userId: string): Promise<WorkRow[]> {
  const [records, pending] = await Promise.all([recordTable(db, 'task').where('assignedToId').equals(userId).toArray(), pendingIds(db, 'task')]);
  const tasks = records.filter((t) => fieldTaskKinds.includes(t.kind as Task['kind'])) as unknown as Task[];
  const [cases, locations, addresses] = await Promise.all([
    recordTable(db, 'case').bulkGet(tasks.map((t) => t.caseId ?? '')),
    recordTable(db, 'businessLocation').bulkGet(tasks.map((t) => t.locationId ?? '')),
    recordTable(db, 'address').bulkGet(tasks.map((t) => t.addressId ?? '')),
  ]);
  return tasks.map((t, i) => ({
    id: t.id,
    number: t.number,
    kind: t.kind,
    shortDescription: t.shortDescription,
    state: t.state,
    priority: t.priority,
    scheduledStart: t.scheduledStart ?? null,
    completedAt: t.completedAt ?? null,
    caseId: t.caseId ?? null,
    caseNumber: String(cases[i]?.number ?? ''),
    site: [str(locations[i]?.name), addressLine(addresses[i])].filter(Boolean).join(' · ') || null,
    isPending: pending.has(t.id),
  }));
}

function asTreeItem(r: LocalRecord): InstallBaseLike & { productModelId: string | null } {
  return { id: r.id, name: String(r.name ?? ''), parentId: str(r.parentId), rootId: str(r.rootId), soldProductId: str(r.soldProductId), serialNumber: str(r.serialNumber), state: String(r.state ?? 'installed'), productModelId: str(r.productModelId) };
}

/** The item's whole site tree on the device, with the sold products its items were installed as. */
async function itemTree(db: CasewayDb, item: LocalRecord): Promise<{ tree: ProductNode[]; size: number }> {
  const root = str(item.rootId) ?? item.id;
  const [rootItem, members] = await Promise.all([recordTable(db, 'installBaseItem').get(root), recordTable(db, 'installBaseItem').where('rootId').equals(root).toArray()]);
  const items = [...(rootItem ? [rootItem] : []), ...members.filter((m) => m.id !== root)];
  if (!items.some((i) => i.id === item.id)) items.push(item);
  const soldIds = [...new Set(items.map((i) => str(i.soldProductId)).filter((id): id is string => id !== null))];
  const sold = (await recordTable(db, 'soldProduct').bulkGet(soldIds)).filter((s): s is LocalRecord => s !== undefined);
  const soldLike: SoldProductLike[] = sold.map((s) => ({ id: s.id, name: String(s.name ?? ''), parentSoldProductId: str(s.parentSoldProductId), serialNumber: str(s.serialNumber), status: String(s.status ?? 'active') }));
  const tree = buildProductTree(soldLike, items.map(asTreeItem));
  return { tree, size: allNodeIds(tree).length };
}

async function peopleOf(db: CasewayDb, view: CaseView): Promise<{ people: PersonLine[]; expected: number }> {
  const c = view.c;
  const refs: { kind: 'consumer' | 'contact' | 'account'; id: string; role: string }[] = [];
  if (c.consumerId) refs.push({ kind: 'consumer', id: c.consumerId, role: 'consumer' });
  if (c.contactId) refs.push({ kind: 'contact', id: c.contactId, role: 'contact' });
  // The account: the case's own, else the contact's.
  const accountId = c.accountId ?? view.contactAccount?.id ?? null;
  if (accountId) refs.push({ kind: 'account', id: accountId, role: 'account' });
  for (const { party } of view.parties) {
    if (party.partyType === 'consumer' || party.partyType === 'contact' || party.partyType === 'account') refs.push({ kind: party.partyType, id: party.partyId, role: party.relationshipType });
  }
  const seen = new Set<string>();
  const unique = refs.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
  const records = await Promise.all(unique.map((r) => get(db, r.kind, r.id)));
  const people = unique.flatMap((r, i): PersonLine[] => {
    const record = records[i];
    if (!record) return [];
    return [{ key: r.id, role: r.role, name: recordTitle(r.kind, record), phone: str(record.phone), mobile: str(record.mobile), email: str(record.email) }];
  });
  return { people, expected: unique.length };
}

/** Whether the case runs (or would run) a playbook, and whether its definition is on the device. */
async function playbookHeld(db: CasewayDb, c: CaseView['c']): Promise<{ expected: boolean; held: boolean }> {
  if (c.playbookDefinitionId) return { expected: true, held: (await recordTable(db, 'playbookDefinition').get(c.playbookDefinitionId)) !== undefined };
  const active = await recordTable(db, 'playbookDefinition').where('caseTypeId').equals(c.caseTypeId).filter((d) => d.isActive !== false).count();
  return { expected: active > 0, held: active > 0 };
}

export async function loadWorkOrder(db: CasewayDb, taskId: string, today: string): Promise<WorkOrderView | null> {
  const record = await recordTable(db, 'task').get(taskId);
  if (!record) return null;
  const task = record as unknown as Task;
  const [caseView, pendingTasks, pendingNotes, pendingAttachments] = await Promise.all([
    task.caseId ? loadCaseView(db, task.caseId) : Promise.resolve(null),
    pendingIds(db, 'task'),
    pendingIds(db, 'journalEntry'),
    pendingIds(db, 'attachment'),
  ]);
  const kase = caseView ? (caseView.c as unknown as LocalRecord) : null;
  const itemId = task.installBaseItemId ?? caseView?.c.installBaseItemId ?? null;
  const [site, itemRecord, history, notes, taskAttachments, people, playbook] = await Promise.all([
    siteOf(db, record, kase),
    get(db, 'installBaseItem', itemId),
    itemId ? db.itemHistory.get(itemId) : Promise.resolve(undefined),
    recordTable(db, 'journalEntry').where('taskId').equals(taskId).toArray(),
    recordTable(db, 'attachment').where('taskId').equals(taskId).toArray(),
    caseView ? peopleOf(db, caseView) : Promise.resolve({ people: [], expected: 0 }),
    caseView ? playbookHeld(db, caseView.c) : Promise.resolve({ expected: false, held: false }),
  ]);
  const { tree, size } = itemRecord ? await itemTree(db, itemRecord) : { tree: [], size: 0 };
  const caseAttachments = (caseView?.attachments ?? []).filter((a) => a.taskId !== taskId);
  const all = [...(taskAttachments as unknown as Attachment[]), ...caseAttachments];
  const blobIds = new Set((await db.blobs.bulkGet(all.map((a) => a.id))).flatMap((b) => (b ? [b.id] : [])));
  const attachments = all
    .map((a) => ({ ...a, isPending: pendingAttachments.has(a.id), hasContent: blobIds.has(a.id), isOfWorkOrder: a.taskId === taskId }))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
  // Earlier work only: this case and this work order are on screen already.
  const earlier: ItemHistory | null = history ? { ...history, cases: history.cases.filter((c) => c.id !== task.caseId), work: history.work.filter((w) => w.id !== taskId) } : null;
  const c = caseView?.c;
  return {
    task,
    isPending: pendingTasks.has(taskId),
    caseView,
    site,
    item: itemRecord ? asTreeItem(itemRecord) : null,
    itemExpected: itemId !== null,
    tree,
    treeSize: size,
    history: earlier,
    people: people.people,
    peopleExpected: people.expected,
    contract: caseView?.contract ? { record: caseView.contract, status: contractStatus(caseView.contract, today) } : null,
    entitlement: caseView?.entitlement ? { record: caseView.entitlement, status: entitlementStatus(caseView.entitlement, today) } : null,
    coverageExpected: (c?.contractId ? 1 : 0) + (c?.entitlementId ? 1 : 0),
    playbook,
    notes: (notes as unknown as JournalEntry[])
      .filter((n) => n.kind === 'work_note')
      .map((n) => ({ ...n, isPending: pendingNotes.has(n.id) }))
      .sort((a, b) => (b.deviceTime ?? b.createdAt).localeCompare(a.deviceTime ?? a.createdAt)),
    attachments,
  };
}

/** What the device holds for the work order, for the readiness checks. */
export function holdingsOf(view: WorkOrderView): Holdings {
  return {
    case: { expected: view.task.caseId !== null, held: view.caseView !== null },
    site: { expected: view.site.expected, held: view.site.held },
    item: { expected: view.itemExpected, held: view.item !== null, treeSize: view.treeSize },
    history: { expected: view.itemExpected, fetchedAt: view.history?.fetchedAt ?? null },
    people: { expected: view.peopleExpected, held: view.people.length },
    contract: { expected: view.coverageExpected, held: (view.contract ? 1 : 0) + (view.entitlement ? 1 : 0) },
    playbook: view.playbook,
    attachments: { expected: view.attachments.length, held: view.attachments.filter((a) => a.hasContent).length },
  };
}
