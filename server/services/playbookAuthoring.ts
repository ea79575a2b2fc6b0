/**
 * Loading playbook definitions (API `POST /api/playbooks`, CLI `npm run playbook`, the demo seed):
 * a JSON or YAML document checked by the shared schema, against its case type and against the
 * organisation's users, then stored as the next version of its key. The earlier versions stay for
 * the cases that run them but stop being offered to new cases; service definitions that pointed at
 * the playbook move to the new version. Loading the same content again changes nothing.
 */
import { sql } from 'kysely';
import { parseDocument } from 'yaml';
import { caseTypeDef } from '../../shared/domain/caseType';
import { caseTypeIssues, playbookDocumentSchema, type PlaybookDocument } from '../../shared/domain/playbook';
import { errorCodes, formatPath, type FieldIssue } from '../../shared/api/errors';
import { ApiFailure, forbidden, parseOr400 } from '../http/errors';
import { hasRole } from './actor';
import { createRecord, updateRecord, type AnyRow, type WriteContext } from './recordService';

export type DocumentFormat = 'json' | 'yaml';

/** The document's text as a value, or a 400 naming the line and column of the syntax error. */
export function parsePlaybookText(text: string, format: DocumentFormat): unknown {
  if (format === 'json') {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new ApiFailure(400, errorCodes.invalid, `the document is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, [{ path: '', code: 'syntax', message: 'not valid JSON' }]);
    }
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const where = first.linePos?.[0] ? ` at line ${first.linePos[0].line}, column ${first.linePos[0].col}` : '';
    throw new ApiFailure(400, errorCodes.invalid, `the document is not valid YAML${where}: ${first.message.split('\n')[0] ?? ''}`, [{ path: '', code: 'syntax', message: first.message.split('\n')[0] ?? 'not valid YAML' }]);
  }
  return doc.toJS() as unknown;
}

function refuse(issues: FieldIssue[]): ApiFailure {
  return new ApiFailure(400, errorCodes.invalid, issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '), issues);
}

/** JSON with object keys sorted (PostgreSQL's jsonb does not keep the order they were written in). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));
}

export type LoadOutcome = { id: string; key: string; version: number; caseTypeId: string; status: 'created' | 'unchanged' | 'valid' };

/** Checks a document fully (schema, case type, approvers); returns it parsed with its case type. */
export async function checkPlaybookDocument(ctx: WriteContext, value: unknown): Promise<{ doc: PlaybookDocument; caseTypeId: string }> {
  const doc = parseOr400(playbookDocumentSchema, value, '');
  const caseTypeRow = (await sql<AnyRow>`select id, fields, lifecycle from case_types where org_id = ${ctx.actor.orgId} and key = ${doc.caseType}`.execute(ctx.trx)).rows[0];
  if (!caseTypeRow) throw refuse([{ path: 'caseType', code: 'missing_reference', message: `no case type with key "${doc.caseType}"` }]);
  const issues: FieldIssue[] = caseTypeIssues(doc.stages, caseTypeDef.fields.fields.parse(caseTypeRow.fields), doc.condition, caseTypeDef.fields.lifecycle.parse(caseTypeRow.lifecycle).states.map((st) => st.key)).map((i) => ({
    path: formatPath(typeof i.path[0] === 'number' ? ['stages', ...i.path] : ['condition', ...i.path]),
    code: 'invalid',
    message: i.message,
  }));
  const users = new Map((await sql<{ username: string; is_active: boolean }>`select username, is_active from users where org_id = ${ctx.actor.orgId}`.execute(ctx.trx)).rows.map((u) => [u.username, u.is_active]));
  doc.stages.forEach((stage, s) =>
    stage.activities.forEach((activity, a) => {
      if (activity.kind !== 'approval') return;
      activity.approvers.users.forEach((username, u) => {
        const active = users.get(username);
        if (active === undefined) issues.push({ path: formatPath(['stages', s, 'activities', a, 'approvers', 'users', u]), code: 'missing_reference', message: `no user "${username}"` });
        else if (!active) issues.push({ path: formatPath(['stages', s, 'activities', a, 'approvers', 'users', u]), code: 'invalid', message: `"${username}" is inactive` });
      });
    }),
  );
  if (issues.length > 0) throw refuse(issues);
  return { doc, caseTypeId: String(caseTypeRow.id) };
}

/** Stores a checked document as the next version of its key (or reports it unchanged / only valid). */
export async function loadPlaybook(ctx: WriteContext, value: unknown, options: { dryRun?: boolean } = {}): Promise<LoadOutcome> {
  if (!hasRole(ctx.actor, 'administrator')) throw forbidden('only an administrator may load playbooks');
  const { doc, caseTypeId } = await checkPlaybookDocument(ctx, value);
  const latest = (await sql<AnyRow>`select id, version, case_type_id, name, condition, stages, is_active from playbook_definitions
    where org_id = ${ctx.actor.orgId} and key = ${doc.key} order by version desc limit 1`.execute(ctx.trx)).rows[0];
  if (latest && latest.case_type_id !== caseTypeId) throw refuse([{ path: 'caseType', code: 'invalid', message: `playbook "${doc.key}" belongs to another case type; use a new key` }]);
  const sameContent = latest !== undefined && latest.is_active === true && latest.name === doc.name && canonical(latest.condition ?? null) === canonical(doc.condition) && canonical(latest.stages) === canonical(doc.stages);
  if (sameContent) return { id: String(latest.id), key: doc.key, version: Number(latest.version), caseTypeId, status: 'unchanged' };
  const version = latest ? Number(latest.version) + 1 : 1;
  if (options.dryRun) return { id: '', key: doc.key, version, caseTypeId, status: 'valid' };
  const previous = (await sql<{ id: string }>`select id from playbook_definitions where org_id = ${ctx.actor.orgId} and key = ${doc.key} and is_active`.execute(ctx.trx)).rows;
  for (const p of previous) await updateRecord(ctx, 'playbookDefinition', p.id, { isActive: false }, { expectedRev: null, overwrites: new Set() });
  const created = await createRecord(ctx, 'playbookDefinition', { key: doc.key, name: doc.name, caseTypeId, version, condition: doc.condition, stages: doc.stages, isActive: true });
  const id = String(created.id);
  if (previous.length > 0) {
    const services = (await sql<{ id: string }>`select id from service_definitions where org_id = ${ctx.actor.orgId} and playbook_definition_id = any(${`{${previous.map((p) => p.id).join(',')}}`}::uuid[])`.execute(ctx.trx)).rows;
    for (const sd of services) await updateRecord(ctx, 'serviceDefinition', sd.id, { playbookDefinitionId: id }, { expectedRev: null, overwrites: new Set() });
  }
  return { id, key: doc.key, version, caseTypeId, status: 'created' };
}
