/**
 * Playbooks through the real store on PGlite and PostgreSQL: a building permit application worked
 * through every stage by pushed mutations, each re-checked by the shared engine (SPEC C6); the
 * resolution held by mandatory activities; approvals decided by their approvers; versions kept per
 * case; authoring over HTTP (JSON and YAML) and by the CLI, with bad definitions refused by path.
 */
import { randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { openStore } from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrate';
import { seed } from '../../server/seed/seed';
import { call, fingerprint, login, startHarness, testAnchor, type Harness } from '../support/harness';
import { backends, createDatabase, type Backend } from '../support/stores';
import { TestDevice } from '../support/syncDevice';

const permitYaml = new URL('../../server/seed/playbooks/building_permit.yaml', import.meta.url);

describe.each(backends)('playbooks on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend, 80);
  });
  afterAll(async () => h?.close());

  const one = async <T>(q: ReturnType<typeof sql<T>>): Promise<T> => {
    const row = (await q.execute(h.store.db)).rows[0];
    if (!row) throw new Error('no row');
    return row;
  };

  async function newPermitCase(agent: TestDevice): Promise<{ id: string; definitionId: string }> {
    const ct = await one(sql<{ id: string }>`select id from case_types where key = 'building_permit'`);
    const id = randomUUID();
    const created = await agent.pushOne('case.create', {
      id,
      caseTypeId: ct.id,
      shortDescription: 'Permit application: extension at 12 Wattle Street',
      channel: 'portal',
      customFields: { parcelId: 'LOT-1', permitType: 'extension', projectValue: 85_000 },
    });
    expect(created.status, JSON.stringify(created)).toBe('applied');
    const row = await one(sql<{ playbook_definition_id: string | null }>`select playbook_definition_id from cases where id = ${id}`);
    const current = await one(sql<{ id: string }>`select id from playbook_definitions where case_type_id = ${ct.id} and is_active`);
    expect(row.playbook_definition_id).toBe(current.id);
    return { id, definitionId: current.id };
  }

  const steps = async (caseId: string) => (await sql<{ activity_key: string; action: string }>`select activity_key, action from playbook_steps where case_id = ${caseId} order by rev`.execute(h.store.db)).rows;

  it('C6: a permit application worked through its playbook, every step re-checked by the store', async () => {
    const agent = await new TestDevice(h, 'grace.kelly').signIn();
    const { id: caseId, definitionId } = await newPermitCase(agent);
    const ref = (activityKey: string) => ({ id: randomUUID(), caseId, playbookDefinitionId: definitionId, activityKey });
    const complete = (activityKey: string, data: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => agent.pushOne('playbook.completeActivity', { ...ref(activityKey), data, ...extra });

    // Out of order: the checklist waits for the intake check.
    expect(await complete('documents', { checked: ['site_plan'] })).toMatchObject({ status: 'refused', code: 'activity_not_started' });
    // Bad answers: refused by path, nothing recorded.
    const before = await fingerprint(h.store);
    const bad = await complete('intake_check', { answers: { parcelId: 'LOT-2-DP77', ownerConsent: 'yes' } });
    expect(bad).toMatchObject({ status: 'refused' });
    expect(bad.status === 'refused' && bad.issues.map((i) => i.path).sort()).toEqual(['data.answers.ownerConsent', 'data.answers.projectValue']);
    expect(await fingerprint(h.store)).toBe(before);
    // The answers go to the case's own fields.
    expect(await complete('intake_check', { answers: { parcelId: 'LOT-2-DP77', projectValue: 92_000, ownerConsent: true } })).toMatchObject({ status: 'applied' });
    const fields = await one(sql<{ custom_fields: Record<string, unknown> }>`select custom_fields from cases where id = ${caseId}`);
    expect(fields.custom_fields).toMatchObject({ parcelId: 'LOT-2-DP77', projectValue: 92_000, permitType: 'extension' });
    const history = await one(sql<{ source: string }>`select source from field_history where record_id = ${caseId} and field = 'customFields' order by rev desc limit 1`);
    expect(history.source).toBe('mutation:playbook.completeActivity');

    const missing = await complete('documents', { checked: ['site_plan', 'floor_plans'] });
    expect(missing).toMatchObject({ status: 'refused', code: 'invalid' });
    expect(missing.status === 'refused' && missing.issues.map((i) => i.path)).toEqual(['data.checked.engineering']);
    expect(await complete('documents', { checked: ['site_plan', 'floor_plans', 'engineering'] })).toMatchObject({ status: 'applied' });
    expect(await complete('documents', { checked: ['site_plan', 'floor_plans', 'engineering'] })).toMatchObject({ status: 'refused', code: 'activity_finished' });

    // A mandatory activity cannot be skipped, and the unfinished playbook holds the resolution.
    expect(await agent.pushOne('playbook.skipActivity', { ...ref('accept'), reason: 'not needed' })).toMatchObject({ status: 'refused', code: 'activity_mandatory' });
    const early = await agent.pushOne('case.transition', { id: caseId, action: 'mark_duplicate', resolutionCode: 'Void/Cancelled, Duplicate Issue', resolutionNotes: 'Duplicate.' });
    expect(early).toMatchObject({ status: 'refused', code: 'playbook_incomplete' });
    expect(early.status === 'refused' && early.message).toContain('Merit');

    // The wait-for completes when the case is accepted.
    expect(await complete('merit_review', { answers: { assessment: 'meets requirements' } })).toMatchObject({ status: 'refused', code: 'activity_not_started' });
    expect(await agent.pushOne('case.transition', { id: caseId, action: 'start' })).toMatchObject({ status: 'applied' });
    expect(await complete('merit_review', { answers: { assessment: 'meets with conditions', conditions: 'Screen planting on the eastern boundary.' } })).toMatchObject({ status: 'applied' });

    // Approval: the approvers the device names must be the definition's.
    const users = new Map((await sql<{ id: string; username: string }>`select id, username from users where username in ('riv.stakeholder', 'ahmed.ali')`.execute(h.store.db)).rows.map((u) => [u.username, u.id]));
    const wrong = await agent.pushOne('playbook.requestApproval', { ...ref('approval'), approvals: [{ id: randomUUID(), approverId: users.get('ahmed.ali'), approverRole: null }] });
    expect(wrong).toMatchObject({ status: 'refused', code: 'approvers_changed' });
    const approvalIds = [randomUUID(), randomUUID()];
    const asked = await agent.pushOne('playbook.requestApproval', {
      ...ref('approval'),
      approvals: [
        { id: approvalIds[0], approverId: users.get('riv.stakeholder'), approverRole: null },
        { id: approvalIds[1], approverId: users.get('ahmed.ali'), approverRole: null },
      ],
    });
    expect(asked, JSON.stringify(asked)).toMatchObject({ status: 'applied' });
    // Not the approver: refused. The approver's device holds the case and decides (offline-capable).
    expect(await agent.pushOne('approval.decide', { id: approvalIds[0], decision: 'approved', comment: null })).toMatchObject({ status: 'refused' });
    const approver = await new TestDevice(h, 'riv.stakeholder').signIn();
    await approver.sync();
    expect(approver.table('case').has(caseId)).toBe(true);
    expect(approver.table('approval').get(String(approvalIds[0]))).toMatchObject({ state: 'requested', activityKey: 'approval' });
    expect(await approver.pushOne('approval.decide', { id: approvalIds[0], decision: 'approved', comment: 'Meets the planning controls.' })).toMatchObject({ status: 'applied' });
    expect(await approver.pushOne('approval.decide', { id: approvalIds[0], decision: 'rejected', comment: 'Changed my mind' })).toMatchObject({ status: 'refused', code: 'conflict' });

    // Inspection: the task must be closed before the result is recorded.
    const taskId = randomUUID();
    expect(await agent.pushOne('playbook.createTask', { ...ref('inspection'), taskId, assignmentGroupId: null, assignedToId: null })).toMatchObject({ status: 'applied' });
    const task = await one(sql<{ kind: string; case_id: string; number: string }>`select kind, case_id, number from tasks where id = ${taskId}`);
    expect(task).toMatchObject({ kind: 'inspection', case_id: caseId });
    expect(task.number).toMatch(/^TSK\d+/);
    expect(await agent.pushOne('playbook.createTask', { ...ref('inspection'), taskId: randomUUID(), assignmentGroupId: null, assignedToId: null })).toMatchObject({ status: 'refused', code: 'activity_started' });
    expect(await complete('inspection_result', { branch: 'pass' })).toMatchObject({ status: 'refused', code: 'activity_not_started' });
    expect(await agent.pushOne('task.update', { id: taskId, changes: { state: 'completed' }, base: {} })).toMatchObject({ status: 'applied' });
    expect(await complete('inspection_result', { branch: 'maybe' })).toMatchObject({ status: 'refused', code: 'invalid' });
    expect(await complete('inspection_result', { branch: 'pass' })).toMatchObject({ status: 'applied' });

    // The automatic decision granted; the refusal letter is skipped; the grant letter is sent as a comment.
    expect(await complete('refusal_letter', { body: 'Refused.' }, { commentId: randomUUID() })).toMatchObject({ status: 'refused', code: 'activity_finished' });
    const commentId = randomUUID();
    expect(await complete('grant_letter', { body: 'Your permit is granted.' }, { commentId })).toMatchObject({ status: 'applied' });
    expect(await one(sql<{ kind: string; body: string }>`select kind, body from journal_entries where id = ${commentId}`)).toEqual({ kind: 'comment', body: 'Your permit is granted.' });

    // Nothing mandatory is left: the case resolves.
    for (const action of ['move_to_decision', 'resolve']) {
      const r = await agent.pushOne('case.transition', { id: caseId, action, resolutionCode: action === 'resolve' ? 'Approved with conditions' : null, resolutionNotes: action === 'resolve' ? 'Granted.' : null });
      expect(r.status, JSON.stringify(r)).toBe('applied');
    }
    expect((await steps(caseId)).map((s) => `${s.activity_key}:${s.action}`)).toEqual([
      'intake_check:completed',
      'documents:completed',
      'merit_review:completed',
      'approval:started',
      'inspection:started',
      'inspection_result:completed',
      'grant_letter:completed',
    ]);
  });

  it('versions: a case keeps the version it started with; an old case is pinned by its first step; new cases get the new version', async () => {
    const admin = await login(h, 'riv.admin');
    const agent = await new TestDevice(h, 'grace.kelly').signIn();
    const first = await newPermitCase(agent);
    const old = await one(sql<{ id: string }>`select c.id from cases c join case_types ct on ct.id = c.case_type_id
      where ct.key = 'building_permit' and c.playbook_definition_id is null and c.state in ('new', 'open', 'awaiting_info', 'inspection_in_progress', 'work_in_progress', 'ready_for_decision')
        and c.assignment_group_id in (select group_id from group_members gm join users u on u.id = gm.user_id where u.username = 'grace.kelly') order by c.number limit 1`);

    const doc = parse(await readFile(permitYaml, 'utf8')) as { name: string };
    const loaded = await call(h, 'POST', '/api/playbooks', { token: admin.token, raw: stringify({ ...doc, name: `${doc.name} (revised)` }), headers: { 'content-type': 'application/yaml' } });
    expect(loaded.status, JSON.stringify(loaded.body)).toBe(201);
    expect(loaded.body).toMatchObject({ key: 'building_permit', version: 2, status: 'created' });
    const again = await call(h, 'POST', '/api/playbooks', { token: admin.token, raw: stringify({ ...doc, name: `${doc.name} (revised)` }), headers: { 'content-type': 'text/yaml' } });
    expect(again).toMatchObject({ status: 200, body: { version: 2, status: 'unchanged' } });
    const services = await sql<{ playbook_definition_id: string }>`select sd.playbook_definition_id from service_definitions sd join case_types ct on ct.id = sd.case_type_id where ct.key = 'building_permit'`.execute(h.store.db);
    expect(new Set(services.rows.map((r) => r.playbook_definition_id))).toEqual(new Set([loaded.body.id]));
    const v1 = await one(sql<{ is_active: boolean }>`select is_active from playbook_definitions where id = ${first.definitionId}`);
    expect(v1.is_active).toBe(false);

    // The case opened on version 1 stays on it: a step naming version 2 is refused, one naming version 1 applies.
    const step = (caseId: string, definitionId: string) => agent.pushOne('playbook.completeActivity', { id: randomUUID(), caseId, playbookDefinitionId: definitionId, activityKey: 'intake_check', data: { answers: { parcelId: 'LOT-9', projectValue: 1000, ownerConsent: true } } });
    expect(await step(first.id, loaded.body.id)).toMatchObject({ status: 'refused', code: 'playbook_version' });
    expect(await step(first.id, first.definitionId)).toMatchObject({ status: 'applied' });
    // A case opened before its type had a playbook is pinned by its first step.
    expect(await step(old.id, loaded.body.id)).toMatchObject({ status: 'applied' });
    expect(await one(sql<{ playbook_definition_id: string }>`select playbook_definition_id from cases where id = ${old.id}`)).toEqual({ playbook_definition_id: loaded.body.id });
    // A new case gets version 2.
    const ct = await one(sql<{ id: string }>`select id from case_types where key = 'building_permit'`);
    const id = randomUUID();
    await agent.pushOne('case.create', { id, caseTypeId: ct.id, shortDescription: 'Pool permit', channel: 'portal', customFields: { parcelId: 'LOT-3', permitType: 'pool', projectValue: 40_000 } });
    expect(await one(sql<{ playbook_definition_id: string }>`select playbook_definition_id from cases where id = ${id}`)).toEqual({ playbook_definition_id: loaded.body.id });
  });

  it('authoring: a bad definition is refused with the path of every bad field, and changes nothing', async () => {
    const admin = await login(h, 'riv.admin');
    const agent = await login(h, 'grace.kelly');
    const doc = parse(await readFile(permitYaml, 'utf8')) as { stages: { activities: Record<string, unknown>[] }[] };
    const before = await fingerprint(h.store);
    const post = (body: unknown, token = admin.token) => call(h, 'POST', '/api/playbooks', { token, body });

    expect((await post(doc, agent.token)).status).toBe(403);
    const broken = structuredClone(doc);
    const activities = broken.stages[0]?.activities ?? [];
    activities[1] = { ...activities[1], startRule: 'after_activities', after: ['no_such_step'] };
    activities[0] = { ...activities[0], kind: 'checklist', items: [] };
    const r = await post(broken);
    expect(r.status).toBe(400);
    const paths = r.body.error.issues.map((i: { path: string }) => i.path);
    expect(paths).toContain('stages[0].activities[0].items');
    expect(paths).toContain('stages[0].activities[0].fields');
    const brokenRef = structuredClone(doc);
    const refs = brokenRef.stages[0]?.activities ?? [];
    refs[1] = { ...refs[1], startRule: 'after_activities', after: ['no_such_step'] };
    const r2 = await post(brokenRef);
    expect(r2.status).toBe(400);
    expect(r2.body.error.issues).toContainEqual(expect.objectContaining({ path: 'stages[0].activities[1].after[0]', message: expect.stringContaining('no_such_step') }));

    const unknownType = await post({ ...doc, caseType: 'space_launch' });
    expect(unknownType.body.error.issues).toEqual([expect.objectContaining({ path: 'caseType' })]);
    const approverGone = structuredClone(doc) as { stages: { activities: { kind: string; approvers?: { users: string[] } }[] }[] };
    const approval = approverGone.stages.flatMap((s) => s.activities).find((a) => a.kind === 'approval');
    if (approval?.approvers) approval.approvers.users = ['nobody.here'];
    const r3 = await post(approverGone);
    expect(r3.status).toBe(400);
    expect(r3.body.error.issues[0].path).toMatch(/^stages\[\d+\]\.activities\[\d+\]\.approvers\.users\[0\]$/);
    const wrongField = structuredClone(doc) as { stages: { activities: { kind: string; fields?: { writeTo?: string | null }[] }[] }[] };
    const form = wrongField.stages[0]?.activities[0];
    if (form?.fields?.[0]) form.fields[0].writeTo = 'customFields.projectValue';
    const r4 = await post(wrongField);
    expect(r4.body.error.issues).toEqual([expect.objectContaining({ path: 'stages[0].activities[0].fields[0].writeTo', message: expect.stringContaining('number') })]);

    const typo = structuredClone(doc) as { stages: { activities: { key: string; condition?: { value: unknown } }[] }[] };
    const accept = typo.stages[0]?.activities.find((a) => a.key === 'accept');
    if (accept?.condition) accept.condition.value = ['nwe'];
    const r5 = await post(typo);
    expect(r5.body.error.issues).toEqual([expect.objectContaining({ path: 'stages[0].activities[2].condition.value[0]', message: expect.stringContaining('"nwe" is not a state') })]);

    const yamlError = await call(h, 'POST', '/api/playbooks', { token: admin.token, raw: 'key: x\nstages: [\n  - a: b', headers: { 'content-type': 'application/yaml' } });
    expect(yamlError.status).toBe(400);
    expect(yamlError.body.error.message).toMatch(/YAML at line \d+, column \d+/);
    const dry = await call(h, 'POST', '/api/playbooks?dryRun=true', { token: admin.token, body: { ...doc, key: 'permit_trial' } });
    expect(dry).toMatchObject({ status: 200, body: { status: 'valid', version: 1 } });
    expect(await fingerprint(h.store)).toBe(before);
  });
});

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/playbook.ts', ...args], { env: { ...process.env, DATABASE_URL: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

/** The CLI against a store in a data folder (PGlite) and on the PostgreSQL server. */
describe.each(backends)('playbook CLI on $name', (backend: Backend) => {
  let dir = '';
  let env: Record<string, string> = {};
  let drop: (() => Promise<void>) | null = null;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'caseway-cli-'));
    if (backend.name === 'postgres' && process.env.DATABASE_URL) {
      const db = await createDatabase(process.env.DATABASE_URL);
      drop = db.drop;
      env = { DATABASE_URL: db.url };
    } else {
      env = { CASEWAY_DATA_DIR: join(dir, 'data') };
    }
    const store = await openStore(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: join(dir, 'data') });
    await migrateToLatest(store);
    await seed(store, { cases: 0, anchor: testAnchor, log: () => undefined });
    await store.close();
  });
  afterAll(async () => {
    await drop?.();
    await rm(dir, { recursive: true, force: true });
  });

  it('loads a YAML playbook as a new version, says unchanged when loaded again, and refuses a bad one by path (exit 1)', async () => {
    const doc = parse(await readFile(permitYaml, 'utf8')) as Record<string, unknown>;
    const good = join(dir, 'permit.yaml');
    await writeFile(good, stringify({ ...doc, name: 'Building permit (CLI)' }));
    const loaded = await runCli(['load', good, '--as', 'riv.admin'], env);
    expect(loaded.out).toContain('stored as version 2');
    expect((await runCli(['load', good, '--as', 'riv.admin'], env)).out).toContain('unchanged');
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ ...doc, stages: [{ key: 'only', name: 'Only', activities: [{ key: 'x', name: 'X', kind: 'wait_for' }] }] }));
    const refused = await runCli(['load', bad, '--as', 'riv.admin'], env);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('stages[0].activities[0].condition');
    expect((await runCli(['load', good, '--as', 'grace.kelly'], env)).code).toBe(1);
    const store = await openStore(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: join(dir, 'data') });
    try {
      const versions = await sql<{ version: number; is_active: boolean; name: string }>`select version, is_active, name from playbook_definitions where key = 'building_permit' order by version`.execute(store.db);
      expect(versions.rows.map((v) => [v.version, v.is_active])).toEqual([
        [1, false],
        [2, true],
      ]);
    } finally {
      await store.close();
    }
  });
});
