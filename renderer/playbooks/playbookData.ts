/**
 * What the playbook guide shows, read from the local cache: the case, the playbook version it runs
 * (the pinned one, or for a case opened before its type had a playbook the one a new case would
 * get now; its first step pins it), the steps done on it, its approvals and tasks, run through the
 * shared engine. Everything is read on the device, so the guide works offline.
 */
import type { RecordType } from '../../shared/domain/records';
import { stagesSchema, type StageDefinition } from '../../shared/domain/playbook';
import { conditionSchema, type Condition } from '../../shared/domain/playbookCondition';
import { runPlaybook, selectPlaybook, type EngineApproval, type EngineStep, type PlaybookStatus, type StepAction } from '../../shared/domain/playbookEngine';
import type { LocalRecord } from '../../shared/sync/apply';
import { pendingIds as pendingIdsOf } from '../cases/caseData';
import { recordTable, type CasewayDb } from '../db/database';

export type PlaybookDefinitionSummary = { id: string; key: string; name: string; version: number; caseTypeId: string; isActive: boolean };
export type PlaybookUser = { id: string; username: string; displayName: string; isActive: boolean; roles: string[] };
export type GuideApproval = EngineApproval & { requestedById: string | null; requestedAt: string | null };

/** Why the guide cannot run the playbook: its version is not on the device, or it does not parse. */
export type PlaybookProblem = { kind: 'missing' } | { kind: 'invalid'; message: string };

export type PlaybookView = {
  definition: PlaybookDefinitionSummary;
  version: number;
  /** The case runs this version (its playbookDefinitionId); otherwise its first step will pin it. */
  isPinned: boolean;
  stages: StageDefinition[] | null;
  /** The engine's view; null when the definition cannot be run (then `problem` says why). */
  status: PlaybookStatus | null;
  problem: PlaybookProblem | null;
  steps: EngineStep[];
  approvals: GuideApproval[];
  /** Users' names by id (who did a step, who approves). */
  names: ReadonlyMap<string, string>;
  /** The organisation's users, to resolve an approval's approvers on the device (approverPlan). */
  users: PlaybookUser[];
  /** Steps and approvals with a change on this device not yet received by the store. */
  pendingIds: ReadonlySet<string>;
};

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function summaryOf(record: LocalRecord): PlaybookDefinitionSummary {
  return { id: record.id, key: String(record.key ?? ''), name: String(record.name ?? ''), version: Number(record.version ?? 0), caseTypeId: String(record.caseTypeId ?? ''), isActive: record.isActive !== false };
}

type Selectable = PlaybookDefinitionSummary & { condition: Condition | null; record: LocalRecord };

/** The active definitions of a case type whose condition can be read (one that cannot never applies). */
async function activeDefinitions(db: CasewayDb, caseTypeId: string): Promise<Selectable[]> {
  const records = await recordTable(db, 'playbookDefinition').where('caseTypeId').equals(caseTypeId).toArray();
  const out: Selectable[] = [];
  for (const record of records) {
    if (record.isActive === false) continue;
    if (record.condition === null || record.condition === undefined) {
      out.push({ ...summaryOf(record), condition: null, record });
      continue;
    }
    const condition = conditionSchema.safeParse(record.condition);
    if (condition.success) out.push({ ...summaryOf(record), condition: condition.data, record });
  }
  return out;
}

/** The playbook version a new case gets on this device (null when its type has none that applies). */
export async function playbookForNewCase(db: CasewayDb, caseDraft: { caseTypeId: string } & Record<string, unknown>): Promise<string | null> {
  const definitions = await activeDefinitions(db, caseDraft.caseTypeId);
  const service = typeof caseDraft.serviceDefinitionId === 'string' ? await recordTable(db, 'serviceDefinition').get(caseDraft.serviceDefinitionId) : undefined;
  const preferred = typeof service?.playbookDefinitionId === 'string' ? service.playbookDefinitionId : null;
  return selectPlaybook(definitions, caseDraft, preferred)?.id ?? null;
}

function toStep(record: LocalRecord): EngineStep {
  const action: StepAction = record.action === 'started' || record.action === 'skipped' ? record.action : 'completed';
  const data = record.data && typeof record.data === 'object' && !Array.isArray(record.data) ? (record.data as Record<string, unknown>) : {};
  return { id: record.id, activityKey: String(record.activityKey ?? ''), action, data, reason: str(record.reason), actorId: String(record.actorId ?? ''), createdAt: String(record.createdAt ?? ''), deviceTime: str(record.deviceTime) };
}

function toApproval(record: LocalRecord): GuideApproval {
  const state = record.state === 'approved' || record.state === 'rejected' || record.state === 'cancelled' ? record.state : 'requested';
  return {
    id: record.id,
    activityKey: str(record.activityKey),
    state,
    approverId: str(record.approverId),
    approverRole: str(record.approverRole),
    decidedById: str(record.decidedById),
    decidedAt: str(record.decidedAt),
    comment: str(record.comment),
    requestedById: str(record.requestedById),
    requestedAt: str(record.requestedAt),
  };
}

/** Issues of a definition that does not parse, in a line ("0.activities.1.fields: …"). */
function issuesLine(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** The guide's view of a case's playbook, or null when the case is not here or its type has no playbook. */
export async function loadPlaybookView(db: CasewayDb, caseId: string): Promise<PlaybookView | null> {
  const c = await recordTable(db, 'case').get(caseId);
  if (!c) return null;
  const pinnedId = str(c.playbookDefinitionId);
  const byCase = (type: RecordType) => recordTable(db, type).where('caseId').equals(caseId).toArray();
  const [pinned, candidates, stepRecords, approvalRecords, taskRecords, userRecords, pendingIds] = await Promise.all([
    pinnedId ? recordTable(db, 'playbookDefinition').get(pinnedId) : Promise.resolve(undefined),
    pinnedId ? Promise.resolve([]) : activeDefinitions(db, String(c.caseTypeId ?? '')),
    byCase('playbookStep'),
    byCase('approval'),
    byCase('task'),
    recordTable(db, 'user').toArray(),
    Promise.all([pendingIdsOf(db, 'playbookStep'), pendingIdsOf(db, 'approval')]).then(([steps, approvals]) => new Set([...steps, ...approvals])),
  ]);
  const users: PlaybookUser[] = userRecords.map((u) => ({ id: u.id, username: String(u.username ?? ''), displayName: String(u.displayName ?? ''), isActive: u.isActive !== false, roles: Array.isArray(u.roles) ? u.roles.map(String) : [] }));
  const names = new Map(users.map((u) => [u.id, u.displayName]));
  const selected = pinnedId ? null : selectPlaybook(candidates, c);
  const record = pinned ?? selected?.record;
  if (!record) {
    if (!pinnedId) return null;
    // The case runs a version this device has not received yet.
    const definition: PlaybookDefinitionSummary = { id: pinnedId, key: '', name: '', version: 0, caseTypeId: String(c.caseTypeId ?? ''), isActive: false };
    return { definition, version: 0, isPinned: true, stages: null, status: null, problem: { kind: 'missing' }, steps: [], approvals: [], names, users, pendingIds };
  }
  const definition = summaryOf(record);
  const steps = stepRecords
    .filter((s) => s.playbookDefinitionId === definition.id)
    .map(toStep)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  const approvals = approvalRecords.map(toApproval);
  const base = { definition, version: definition.version, isPinned: pinnedId !== null, steps, approvals, names, users, pendingIds };
  const parsed = stagesSchema.safeParse(record.stages);
  if (!parsed.success) return { ...base, stages: null, status: null, problem: { kind: 'invalid', message: issuesLine(parsed.error) } };
  const tasks = taskRecords.map((t) => ({ id: t.id, state: String(t.state ?? 'open'), number: String(t.number ?? '') }));
  const status = runPlaybook(parsed.data, { case: c, steps, approvals, tasks });
  return { ...base, stages: parsed.data, status, problem: null };
}

/** The mandatory activities that hold the case's resolution: only when the case runs a pinned playbook. */
export function resolutionHold(view: PlaybookView | null | undefined): HoldItem[] {
  if (!view?.isPinned || !view.status) return [];
  return holdItems(view.status);
}

/** A mandatory activity holding the resolution; `conditional` when a condition may still skip it. */
export type HoldItem = { key: string; name: string; conditional: boolean };

export function holdItems(status: PlaybookStatus): HoldItem[] {
  const undecidedStages = new Set(status.stages.filter((st) => st.hasCondition && st.state === 'pending').map((st) => st.key));
  return status.outstandingMandatory.map((a) => ({ key: a.key, name: a.definition.name, conditional: a.definition.runIf !== null || undecidedStages.has(a.stageKey) }));
}
