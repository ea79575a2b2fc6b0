/**
 * The approvals waiting for the signed-in person (named, or asked of one of their roles) and the
 * ones they decided, read from the local cache only, so an approver can decide offline.
 */
import type { LocalRecord } from '../../shared/sync/apply';
import { pendingIds } from '../cases/caseData';
import { recordTable, type CasewayDb } from '../db/database';

export type Approver = { id: string; roles: readonly string[] };

export type ApprovalItem = {
  id: string;
  caseId: string;
  caseNumber: string;
  caseShortDescription: string;
  activityName: string;
  state: string;
  requestedByName: string;
  requestedAt: string;
  decidedAt: string | null;
  comment: string | null;
  /** Changed on this device and not yet received by the store. */
  isPending: boolean;
  /** Another approval of the same activity already decided (the first decision may settle it). */
  settledBy: { name: string; state: string } | null;
};

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function isMine(a: LocalRecord, me: Approver): boolean {
  return a.approverId === me.id || (typeof a.approverRole === 'string' && me.roles.includes(a.approverRole));
}

/** Read through the approver indexes, so a person nobody asks reads nothing (the count runs on every change to approvals). */
export async function requestedForMe(db: CasewayDb, me: Approver): Promise<LocalRecord[]> {
  const table = recordTable(db, 'approval');
  const [named, byRole] = await Promise.all([
    table.where('approverId').equals(me.id).filter((a) => a.state === 'requested').toArray(),
    me.roles.length ? table.where('approverRole').anyOf([...me.roles]).filter((a) => a.state === 'requested').toArray() : Promise.resolve([]),
  ]);
  const seen = new Set<string>();
  return [...named, ...byRole].filter((a) => isMine(a, me) && !seen.has(a.id) && seen.add(a.id));
}

/** How many approvals wait for my decision (for the navigation). */
export async function countApprovals(db: CasewayDb, me: Approver): Promise<number> {
  return (await requestedForMe(db, me)).length;
}

/** An activity's name from a stored definition, without parsing all of it. */
function activityName(definition: LocalRecord | undefined, key: string): string {
  const stages = definition?.stages;
  if (!Array.isArray(stages)) return key;
  for (const stage of stages as unknown[]) {
    const activities = stage && typeof stage === 'object' ? (stage as { activities?: unknown }).activities : undefined;
    if (!Array.isArray(activities)) continue;
    for (const activity of activities as unknown[]) {
      if (activity && typeof activity === 'object' && (activity as { key?: unknown }).key === key) return str((activity as { name?: unknown }).name) || key;
    }
  }
  return key;
}

export async function loadApprovals(db: CasewayDb, me: Approver): Promise<{ waiting: ApprovalItem[]; decided: ApprovalItem[] }> {
  const [waiting, decidedAll, pending] = await Promise.all([
    requestedForMe(db, me),
    recordTable(db, 'approval')
      .filter((a) => a.decidedById === me.id && (a.state === 'approved' || a.state === 'rejected'))
      .toArray(),
    pendingIds(db, 'approval'),
  ]);
  const decided = decidedAll.sort((a, b) => str(b.decidedAt).localeCompare(str(a.decidedAt)) || b.id.localeCompare(a.id)).slice(0, 20);
  const all = [...waiting, ...decided];
  const caseIds = [...new Set(all.map((a) => str(a.caseId)))];
  const [cases, users, siblings] = await Promise.all([
    recordTable(db, 'case').bulkGet(caseIds),
    recordTable(db, 'user').toArray(),
    waiting.length ? recordTable(db, 'approval').where('caseId').anyOf([...new Set(waiting.map((a) => str(a.caseId)))]).toArray() : Promise.resolve([]),
  ]);
  const caseById = new Map(cases.filter((c): c is LocalRecord => c !== undefined).map((c) => [c.id, c]));
  const definitionIds = [...new Set([...caseById.values()].map((c) => str(c.playbookDefinitionId)).filter(Boolean))];
  // A case that runs no pinned version (an approval asked outside a playbook step): its type's active playbook names the activity.
  const unpinnedTypes = [...new Set([...caseById.values()].filter((c) => !str(c.playbookDefinitionId)).map((c) => str(c.caseTypeId)))];
  const [definitions, typeDefinitions] = await Promise.all([
    recordTable(db, 'playbookDefinition').bulkGet(definitionIds),
    unpinnedTypes.length ? recordTable(db, 'playbookDefinition').where('caseTypeId').anyOf(unpinnedTypes).toArray() : Promise.resolve([]),
  ]);
  const definitionById = new Map(definitions.filter((d): d is LocalRecord => d !== undefined).map((d) => [d.id, d]));
  const activeByType = new Map(typeDefinitions.filter((d) => d.isActive !== false).map((d) => [str(d.caseTypeId), d]));
  const definitionOf = (c: LocalRecord | undefined) => (c ? (definitionById.get(str(c.playbookDefinitionId)) ?? activeByType.get(str(c.caseTypeId))) : undefined);
  const names = new Map(users.map((u) => [u.id, str(u.displayName)]));
  const item = (a: LocalRecord): ApprovalItem => {
    const c = caseById.get(str(a.caseId));
    const key = str(a.activityKey);
    const other = siblings.find((s) => s.id !== a.id && s.caseId === a.caseId && s.activityKey === a.activityKey && (s.state === 'approved' || s.state === 'rejected'));
    return {
      id: a.id,
      caseId: str(a.caseId),
      caseNumber: str(c?.number),
      caseShortDescription: str(c?.shortDescription),
      activityName: key ? activityName(definitionOf(c), key) : '',
      state: str(a.state),
      requestedByName: names.get(str(a.requestedById)) ?? '',
      requestedAt: str(a.requestedAt) || str(a.createdAt),
      decidedAt: str(a.decidedAt) || null,
      comment: str(a.comment) || null,
      isPending: pending.has(a.id),
      settledBy: a.state === 'requested' && other ? { name: names.get(str(other.decidedById)) ?? '', state: str(other.state) } : null,
    };
  };
  return {
    waiting: waiting.map(item).sort((a, b) => b.requestedAt.localeCompare(a.requestedAt) || b.id.localeCompare(a.id)),
    decided: decided.map(item),
  };
}
