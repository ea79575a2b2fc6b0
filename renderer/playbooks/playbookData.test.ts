/** The playbook guide's reads against a real (in-memory) IndexedDB through the app's own Dexie schema. */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCache, recordTable, type CasewayDb } from '../db/database';
import { countApprovals, loadApprovals } from './approvalsData';
import { loadPlaybookView, playbookForNewCase, resolutionHold } from './playbookData';

const stages = (name: string) => [
  {
    key: 'intake',
    name: 'Intake',
    activities: [
      { key: 'check', name: `${name} check`, kind: 'form', fields: [{ key: 'parcelId', label: 'Parcel ID', type: 'text', required: true, writeTo: 'customFields.parcelId' }] },
      { key: 'docs', name: 'Documents', kind: 'checklist', items: [{ key: 'plan', label: 'Site plan' }] },
      { key: 'note', name: 'Optional note', kind: 'instruction', mandatory: false, startRule: 'with_stage' },
    ],
  },
  { key: 'review', name: 'Review', activities: [{ key: 'sign_off', name: 'Sign-off', kind: 'approval', approvers: { users: ['priya'] } }] },
];

const definition = (id: string, over: Record<string, unknown>) => ({ id, key: 'permit', name: 'Permit assessment', caseTypeId: 'ct-permit', version: 1, condition: null, isActive: true, stages: stages('Intake'), ...over });

async function seed(db: CasewayDb): Promise<void> {
  const put = (type: Parameters<typeof recordTable>[1], rows: Record<string, unknown>[]) => recordTable(db, type).bulkPut(rows.map((r) => ({ ...r, id: String(r.id) })));
  await put('user', [
    { id: 'u-grace', username: 'grace', displayName: 'Grace Kelly', roles: ['agent'], isActive: true },
    { id: 'u-priya', username: 'priya', displayName: 'Priya Raman', roles: ['business_stakeholder'], isActive: true },
  ]);
  await put('playbookDefinition', [
    definition('pd-1', { version: 1, isActive: false, stages: stages('Old') }),
    definition('pd-2', { version: 2 }),
    definition('pd-heritage', { key: 'heritage', name: 'Heritage permit', condition: { field: 'case.customFields.heritageListed', op: 'eq', value: true } }),
    definition('pd-broken', { caseTypeId: 'ct-broken', stages: [{ key: 'x', name: 'X', activities: [] }] }),
  ]);
  const kase = (id: string, over: Record<string, unknown>) => ({ id, number: `CS${id}`, caseTypeId: 'ct-permit', shortDescription: 'Deck', state: 'new', priority: 3, customFields: {}, playbookDefinitionId: null, ...over });
  await put('case', [
    kase('c-pinned', { playbookDefinitionId: 'pd-1' }),
    kase('c-old', {}),
    kase('c-heritage', { customFields: { heritageListed: true } }),
    kase('c-none', { caseTypeId: 'ct-none' }),
    kase('c-broken', { caseTypeId: 'ct-broken' }),
    kase('c-missing', { playbookDefinitionId: 'pd-elsewhere' }),
  ]);
  const step = (id: string, caseId: string, activityKey: string, createdAt: string, over: Record<string, unknown> = {}) => ({ id, caseId, playbookDefinitionId: 'pd-1', activityKey, action: 'completed', data: {}, reason: null, actorId: 'u-grace', createdAt, deviceTime: createdAt, ...over });
  await put('playbookStep', [
    // Stored out of order: the view orders them by time, then id.
    step('s-2', 'c-pinned', 'docs', '2026-05-02T10:00:00.000Z', { data: { checked: ['plan'] } }),
    step('s-1', 'c-pinned', 'check', '2026-05-01T10:00:00.000Z', { data: { answers: { parcelId: 'LOT-1' } } }),
    step('s-0', 'c-pinned', 'note', '2026-05-01T10:00:00.000Z', { action: 'skipped', reason: 'not needed' }),
  ]);
  await put('approval', [
    { id: 'a-1', caseId: 'c-pinned', taskId: null, activityKey: 'sign_off', approverId: 'u-priya', approverRole: null, state: 'requested', requestedById: 'u-grace', requestedAt: '2026-05-03T10:00:00.000Z', decidedAt: null, decidedById: null, comment: null },
    { id: 'a-2', caseId: 'c-old', taskId: null, activityKey: null, approverId: null, approverRole: 'business_stakeholder', state: 'requested', requestedById: 'u-grace', requestedAt: '2026-05-04T10:00:00.000Z', decidedAt: null, decidedById: null, comment: null },
    { id: 'a-3', caseId: 'c-old', taskId: null, activityKey: null, approverId: 'u-priya', approverRole: null, state: 'rejected', requestedById: 'u-grace', requestedAt: '2026-05-01T10:00:00.000Z', decidedAt: '2026-05-02T10:00:00.000Z', decidedById: 'u-priya', comment: 'No plans' },
  ]);
  await db.meta.put({ key: 'sync', deviceId: 'd', userId: 'u-grace', orgId: 'o', cursor: null, lastQueuedId: 0, lastMutationId: 0, lastSyncAt: null, isSnapshotting: false });
}

describe('loadPlaybookView', () => {
  let db: CasewayDb;
  beforeEach(async () => {
    db = openCache(`playbooks-${crypto.randomUUID()}`, { durability: 'relaxed', indexedDB, IDBKeyRange });
    await seed(db);
  });
  afterEach(() => db.close());

  it('is null for a case not on the device or whose type has no playbook', async () => {
    expect(await loadPlaybookView(db, 'nobody')).toBeNull();
    expect(await loadPlaybookView(db, 'c-none')).toBeNull();
  });

  it('runs the pinned version, even when it is no longer active, with its steps in time order', async () => {
    const view = await loadPlaybookView(db, 'c-pinned');
    expect(view).toMatchObject({ version: 1, isPinned: true, problem: null, definition: { id: 'pd-1' } });
    expect(view?.steps.map((s) => s.id)).toEqual(['s-0', 's-1', 's-2']);
    expect(view?.names.get('u-grace')).toBe('Grace Kelly');
    const states = Object.fromEntries(view?.status?.activities.map((a) => [a.key, a.state]) ?? []);
    expect(states).toEqual({ check: 'complete', docs: 'complete', note: 'skipped', sign_off: 'in_progress' });
    expect(view?.status?.currentStage).toBe('review');
    expect(view?.status?.stages.map((s) => [s.key, s.state, s.done, s.total])).toEqual([
      ['intake', 'complete', 3, 3],
      ['review', 'active', 0, 1],
    ]);
    expect(resolutionHold(view)).toEqual([{ key: 'sign_off', name: 'Sign-off', conditional: false }]);
  });

  it('shows an unpinned case the version a new case would get, and nothing holds its resolution yet', async () => {
    const view = await loadPlaybookView(db, 'c-old');
    expect(view).toMatchObject({ version: 2, isPinned: false, definition: { id: 'pd-2' } });
    expect(view?.status?.activities.filter((a) => a.state === 'ready').map((a) => a.key)).toEqual(['check', 'note']);
    expect(resolutionHold(view)).toEqual([]);
  });

  it('prefers a playbook whose condition holds on the case', async () => {
    expect((await loadPlaybookView(db, 'c-heritage'))?.definition.id).toBe('pd-heritage');
  });

  it('says so when the definition does not parse or is not on the device, never throws', async () => {
    const broken = await loadPlaybookView(db, 'c-broken');
    expect(broken?.status).toBeNull();
    expect(broken?.problem).toMatchObject({ kind: 'invalid' });
    expect(broken?.problem?.kind === 'invalid' && broken.problem.message).toMatch(/activities/);
    const missing = await loadPlaybookView(db, 'c-missing');
    expect(missing).toMatchObject({ isPinned: true, status: null, problem: { kind: 'missing' } });
  });
});

describe('playbookForNewCase', () => {
  let db: CasewayDb;
  beforeEach(async () => {
    db = openCache(`playbooks-${crypto.randomUUID()}`, { durability: 'relaxed', indexedDB, IDBKeyRange });
    await seed(db);
  });
  afterEach(() => db.close());

  it('picks among the active definitions of the case type', async () => {
    expect(await playbookForNewCase(db, { caseTypeId: 'ct-permit', customFields: {} })).toBe('pd-2');
    expect(await playbookForNewCase(db, { caseTypeId: 'ct-permit', customFields: { heritageListed: true } })).toBe('pd-heritage');
    expect(await playbookForNewCase(db, { caseTypeId: 'ct-none' })).toBeNull();
  });
});

describe('loadApprovals', () => {
  let db: CasewayDb;
  beforeEach(async () => {
    db = openCache(`approvals-${crypto.randomUUID()}`, { durability: 'relaxed', indexedDB, IDBKeyRange });
    await seed(db);
  });
  afterEach(() => db.close());

  it('lists what waits for me by name or by role, newest first, and what I decided', async () => {
    const priya = { id: 'u-priya', roles: ['business_stakeholder'] };
    expect(await countApprovals(db, priya)).toBe(2);
    expect(await countApprovals(db, { id: 'u-grace', roles: ['agent'] })).toBe(0);
    const { waiting, decided } = await loadApprovals(db, priya);
    expect(waiting.map((a) => [a.id, a.caseNumber, a.activityName, a.requestedByName])).toEqual([
      ['a-2', 'CSc-old', '', 'Grace Kelly'],
      ['a-1', 'CSc-pinned', 'Sign-off', 'Grace Kelly'],
    ]);
    expect(decided.map((a) => [a.id, a.state, a.comment])).toEqual([['a-3', 'rejected', 'No plans']]);
  });
});
