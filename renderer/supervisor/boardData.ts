/**
 * What the team board reads from the local cache, for `useLiveQuery` (so it works offline and
 * follows every sync): the supervisor's groups, the chosen group's agents with their skills and
 * load, its open cases with their SLA clocks, and what the outcome reports need. Cases are read
 * through the `[assignmentGroupId+state]` and `[assignedToId+state]` indexes, open states only.
 */
import type { Case } from '../../shared/domain/case';
import { caseTypeDef, type CaseType } from '../../shared/domain/caseType';
import type { GroupMember, Skill, User, UserSkill } from '../../shared/domain/organisation';
import type { CaseSla } from '../../shared/domain/sla';
import { mutationArgs } from '../../shared/sync/mutations';
import { pendingIds } from '../cases/caseData';
import { toRow, type Lookups, type QueueRow } from '../cases/queueModel';
import { recordTable, type CasewayDb } from '../db/database';
import { boardClocks, loadOf, type Agent, type RefusalIssue } from './boardModel';

export type GroupChoice = { id: string; name: string; isManaged: boolean };
export type BoardAgent = Agent & { skillNames: string[] };
export type BoardRow = QueueRow;

export type BoardData = {
  groups: GroupChoice[];
  /** The group shown: the one asked for if it is still one of the user's, else the first. */
  groupId: string | null;
  agents: BoardAgent[];
  /** The group's open cases. */
  rows: BoardRow[];
  /** Cases with a change on this device the store has not received yet. */
  pendingCaseIds: Set<string>;
  /** Each case type's required skills (routing suggestions). */
  skillsByType: Map<string, string[]>;
  skillNames: Map<string, string>;
  userNames: Map<string, string>;
};

type TypeInfo = { name: string; skillIds: string[]; states: Map<string, { label: string; category: 'new' | 'active' | 'waiting' | 'resolved' | 'closed' | 'cancelled' }> };

/** Case types by id with their states; and every state key that is open in some life cycle. */
export async function loadCaseTypes(db: CasewayDb): Promise<{ types: Map<string, TypeInfo>; openStates: string[] }> {
  const records = (await recordTable(db, 'caseType').toArray()) as unknown as CaseType[];
  const types = new Map<string, TypeInfo>();
  const open = new Set<string>();
  for (const t of records) {
    const lifecycle = caseTypeDef.fields.lifecycle.safeParse(t.lifecycle);
    const states = new Map(lifecycle.success ? lifecycle.data.states.map((s) => [s.key, { label: s.label, category: s.category }] as const) : []);
    for (const [key, s] of states) if (s.category === 'new' || s.category === 'active' || s.category === 'waiting') open.add(key);
    types.set(t.id, { name: String(t.name), skillIds: Array.isArray(t.skillIds) ? t.skillIds : [], states });
  }
  return { types, openStates: [...open] };
}

/** Only ids listed in a supervisor's own memberships; the groups they manage first, then by name. */
async function loadGroups(db: CasewayDb, userId: string): Promise<GroupChoice[]> {
  const memberships = (await recordTable(db, 'groupMember').where('userId').equals(userId).toArray()) as unknown as GroupMember[];
  const managed = new Set(memberships.filter((m) => m.isManager).map((m) => m.groupId));
  const groups = await recordTable(db, 'group').bulkGet([...new Set(memberships.map((m) => m.groupId))]);
  return groups
    .filter((g) => g !== undefined)
    .map((g) => ({ id: g.id, name: String(g.name), isManaged: managed.has(g.id) }))
    .sort((a, b) => Number(b.isManaged) - Number(a.isManaged) || a.name.localeCompare(b.name));
}

export async function loadBoard(db: CasewayDb, userId: string, wantedGroupId: string | null, now: string): Promise<BoardData> {
  const [groups, { types, openStates }, userRecords, skillRecords, pendingCases] = await Promise.all([
    loadGroups(db, userId),
    loadCaseTypes(db),
    recordTable(db, 'user').toArray() as unknown as Promise<User[]>,
    recordTable(db, 'skill').toArray() as unknown as Promise<Skill[]>,
    pendingIds(db, 'case'),
  ]);
  const userNames = new Map(userRecords.map((u) => [u.id, u.displayName]));
  const skillNames = new Map(skillRecords.map((s) => [s.id, s.name]));
  const skillsByType = new Map([...types].map(([id, t]) => [id, t.skillIds]));
  const groupId = groups.find((g) => g.id === wantedGroupId)?.id ?? groups[0]?.id ?? null;
  if (groupId === null) return { groups, groupId, agents: [], rows: [], pendingCaseIds: pendingCases, skillsByType, skillNames, userNames };

  const members = (await recordTable(db, 'groupMember').where('groupId').equals(groupId).toArray()) as unknown as GroupMember[];
  const usersById = new Map(userRecords.map((u) => [u.id, u]));
  // The group's agents: members who work cases (not the supervisors who only lead it).
  const agentUsers = [...new Set(members.map((m) => m.userId))]
    .map((id) => usersById.get(id))
    .filter((u): u is User => u !== undefined && u.isActive && u.roles.some((r) => r === 'agent' || r === 'field_technician'));
  const agentIds = agentUsers.map((u) => u.id);
  const table = recordTable(db, 'case');
  const [groupCases, agentCases, userSkills] = await Promise.all([
    openStates.length ? table.where('[assignmentGroupId+state]').anyOf(openStates.map((s) => [groupId, s])).toArray() : [],
    openStates.length && agentIds.length ? table.where('[assignedToId+state]').anyOf(agentIds.flatMap((id) => openStates.map((s) => [id, s]))).toArray() : [],
    agentIds.length ? recordTable(db, 'userSkill').where('userId').anyOf(agentIds).toArray() : [],
  ]);
  const cases = groupCases as unknown as Case[];
  const clocks = cases.length ? ((await recordTable(db, 'caseSla').where('caseId').anyOf(cases.map((c) => c.id)).toArray()) as unknown as CaseSla[]) : [];
  const slas = new Map<string, CaseSla[]>();
  for (const clock of boardClocks(clocks)) slas.set(clock.caseId, [...(slas.get(clock.caseId) ?? []), clock]);
  const lookups: Lookups = {
    caseTypes: new Map([...types].map(([id, t]) => [id, { name: t.name, states: t.states }])),
    groups: new Map(groups.map((g) => [g.id, g.name])),
    users: userNames,
    slas,
  };
  // Each agent's load counts all their open cases on this device, whatever the group.
  const openByAgent = new Map<string, Case[]>();
  for (const c of agentCases as unknown as Case[]) if (c.assignedToId) openByAgent.set(c.assignedToId, [...(openByAgent.get(c.assignedToId) ?? []), c]);
  const skillsByUser = new Map<string, string[]>();
  for (const s of userSkills as unknown as UserSkill[]) skillsByUser.set(s.userId, [...(skillsByUser.get(s.userId) ?? []), s.skillId]);
  const agents: BoardAgent[] = agentUsers
    .map((u) => {
      const skillIds = skillsByUser.get(u.id) ?? [];
      const open = openByAgent.get(u.id) ?? [];
      return { id: u.id, name: u.displayName, availability: u.availability, skillIds, skillNames: skillIds.map((s) => skillNames.get(s) ?? '').filter(Boolean).sort(), load: loadOf(open), openCount: open.length };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  const rows = cases.map((c) => toRow(c, lookups, now));
  return { groups, groupId, agents, rows, pendingCaseIds: pendingCases, skillsByType, skillNames, userNames };
}

export type OutcomeCase = { id: string; number: string; shortDescription: string; stateLabel: string; isOpen: boolean; assignmentGroupId: string | null; assignedToId: string | null };

export type OutcomeData = {
  /** Ids of the `case.assign` mutations still waiting in the outbox. */
  pendingMutationIds: Set<number>;
  /** How many `case.assign` mutations wait per batch id. */
  waitingByBatch: Map<string, number>;
  issues: RefusalIssue[];
  /** The refused cases as the cache has them now (a retry expects their current assignment). */
  cases: Map<string, OutcomeCase>;
};

/** The outbox's pending reassignments and the store's refusals of reassignments, with their cases. */
export async function loadOutcomes(db: CasewayDb): Promise<OutcomeData> {
  const [pending, issueRecords, { types }] = await Promise.all([db.outbox.where('status').equals('pending').toArray(), db.syncIssues.toArray(), loadCaseTypes(db)]);
  const pendingMutationIds = new Set<number>();
  const waitingByBatch = new Map<string, number>();
  for (const entry of pending) {
    if (entry.name !== 'case.assign') continue;
    pendingMutationIds.add(entry.id);
    const args = mutationArgs['case.assign'].safeParse(entry.args);
    if (args.success && args.data.batchId) waitingByBatch.set(args.data.batchId, (waitingByBatch.get(args.data.batchId) ?? 0) + 1);
  }
  const issues: RefusalIssue[] = issueRecords.flatMap((i) => {
    if (i.kind !== 'refused' || i.name !== 'case.assign' || i.id === undefined) return [];
    const args = mutationArgs['case.assign'].safeParse(i.args);
    return args.success ? [{ id: i.id, mutationId: i.mutationId, code: i.code, message: i.message, isDismissed: i.isDismissed, caseId: args.data.id, batchId: args.data.batchId, target: { assignmentGroupId: args.data.assignmentGroupId, assignedToId: args.data.assignedToId }, reason: args.data.reason }] : [];
  });
  const caseIds = [...new Set(issues.filter((i) => i.isDismissed === 0).map((i) => i.caseId))];
  const records = (await recordTable(db, 'case').bulkGet(caseIds)) as unknown as (Case | undefined)[];
  const cases = new Map<string, OutcomeCase>();
  for (const c of records) {
    if (!c) continue;
    const state = types.get(c.caseTypeId)?.states.get(c.state);
    const isOpen = state ? state.category === 'new' || state.category === 'active' || state.category === 'waiting' : false;
    cases.set(c.id, { id: c.id, number: c.number, shortDescription: c.shortDescription, stateLabel: state?.label ?? c.state, isOpen, assignmentGroupId: c.assignmentGroupId, assignedToId: c.assignedToId });
  }
  return { pendingMutationIds, waitingByBatch, issues, cases };
}
