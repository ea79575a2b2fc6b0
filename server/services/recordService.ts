/**
 * Reading and writing any record type through one path: role policy, row visibility, schema
 * validation, same-organisation references, the type's own domain rules, field history. Routes
 * and (later) the sync push call this, so every write is checked the same way.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { z } from 'zod';
import { mayReadScope, mayWrite, recordPolicies } from '../../shared/access/policy';
import { refOf } from '../../shared/domain/entity';
import { entityDef, entityDefs, type RecordType } from '../../shared/domain/records';
import type { DB } from '../db/schema';
import { conflict, forbidden, invalid, notFound, parseOr400 } from '../http/errors';
import type { Actor } from './actor';
import { fieldKinds, fromRow, snakeCase, toParam } from './rowMapping';
import { rowVisible } from './scope';

export type AnyRow = Record<string, unknown>;

export type WriteContext = {
  trx: Transaction<DB>;
  actor: Actor;
  /** Server time of this write (ISO). */
  now: string;
  /** What caused the write, for the audit history (e.g. "api", "mutation:case.update"). */
  source: string;
  /** Device time of the action when it was made offline; null for online API calls. */
  deviceTime: string | null;
};

/** A record type's own domain rules, beyond its schema. */
export type TypeRules = {
  /** Replaces the generic create body when the store sets some fields itself. */
  createSchema?: z.ZodType<AnyRow>;
  /** Turns a valid create body into the field values to store (sets numbers, defaults, checks). */
  prepareCreate?: (ctx: WriteContext, input: AnyRow) => Promise<AnyRow>;
  /** Checks a patch against the stored record; may add derived changes to it. */
  beforeUpdate?: (ctx: WriteContext, before: AnyRow, patch: AnyRow) => Promise<AnyRow>;
};

/** Every field change goes to the audit history, except of records that are history themselves. */
const untrackedTypes: readonly RecordType[] = ['fieldHistory', 'caseSla', 'journalEntry'];

function caseIdOf(type: RecordType, record: AnyRow): string | null {
  if (type === 'case') return String(record.id);
  return typeof record.caseId === 'string' ? record.caseId : null;
}

const rulesRegistry: Partial<Record<RecordType, TypeRules>> = {};

export function registerRules(type: RecordType, rules: TypeRules): void {
  rulesRegistry[type] = rules;
}

function rulesOf(type: RecordType): TypeRules {
  return rulesRegistry[type] ?? {};
}

function mayReadReference(actor: Actor): boolean {
  return mayReadScope(actor.roles, 'reference');
}

function visibleWhere(actor: Actor, type: RecordType) {
  return rowVisible(actor, recordPolicies[type].scope, 't', mayReadReference(actor));
}

/** Reads one record the actor may see, or fails with 404 (never revealing that it exists). */
export async function getRecord(db: Kysely<DB> | Transaction<DB>, actor: Actor, type: RecordType, id: string, forUpdate = false): Promise<AnyRow> {
  const def = entityDef(type);
  if (!mayReadScope(actor.roles, recordPolicies[type].scope)) throw forbidden(`your roles may not read ${type} records`);
  const lock = forUpdate ? sql` for update of t` : sql``;
  const result = await sql<AnyRow>`select t.* from ${sql.table(def.table)} t where t.id = ${id} and ${visibleWhere(actor, type)}${lock}`.execute(db);
  const row = result.rows[0];
  if (!row) throw notFound(`no ${type} ${id} that you may see`);
  return fromRow(def, row);
}

export type ListQuery = { limit: number; after: number; filters: AnyRow };

const filterableKinds = new Set(['text', 'uuid', 'integer', 'boolean', 'date', 'double precision']);

/** Validates list query parameters: limit, after (a rev cursor) and equality filters on fields. */
export function parseListQuery(type: RecordType, query: Record<string, unknown>): ListQuery {
  const kinds = fieldKinds(entityDef(type));
  const filters: AnyRow = {};
  let limit = 100;
  let after = 0;
  for (const [key, raw] of Object.entries(query)) {
    if (typeof raw !== 'string') throw invalid(key, 'must be given once');
    if (key === 'limit') {
      limit = Number(raw);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw invalid('limit', 'must be an integer from 1 to 1000');
      continue;
    }
    if (key === 'after') {
      after = Number(raw);
      if (!Number.isInteger(after) || after < 0) throw invalid('after', 'must be a non-negative integer (a rev cursor)');
      continue;
    }
    const kind = kinds.get(key);
    if (!kind || !filterableKinds.has(kind)) throw invalid(key, `is not a filterable field of ${type}`);
    filters[key] = parseFilterValue(key, kind, raw);
  }
  return { limit, after, filters };
}

function parseFilterValue(key: string, kind: string, raw: string): unknown {
  if (raw === 'null') return null;
  switch (kind) {
    case 'boolean':
      if (raw !== 'true' && raw !== 'false') throw invalid(key, 'must be true, false or null');
      return raw === 'true';
    case 'integer':
    case 'double precision': {
      const n = Number(raw);
      if (!Number.isFinite(n)) throw invalid(key, 'must be a number');
      return n;
    }
    case 'uuid':
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(raw)) throw invalid(key, 'must be a UUID');
      return raw;
    default:
      return raw;
  }
}

export async function listRecords(db: Kysely<DB>, actor: Actor, type: RecordType, q: ListQuery): Promise<{ items: AnyRow[]; nextCursor: string | null }> {
  const def = entityDef(type);
  if (!mayReadScope(actor.roles, recordPolicies[type].scope)) throw forbidden(`your roles may not read ${type} records`);
  const conditions = [visibleWhere(actor, type), sql<boolean>`t.rev > ${q.after}`];
  for (const [field, value] of Object.entries(q.filters)) {
    const column = sql.ref(`t.${snakeCase(field)}`);
    conditions.push(value === null ? sql<boolean>`${column} is null` : sql<boolean>`${column} = ${value}`);
  }
  const result = await sql<AnyRow>`select t.* from ${sql.table(def.table)} t where ${sql.join(conditions, sql` and `)} order by t.rev limit ${q.limit + 1}`.execute(db);
  const rows = result.rows.slice(0, q.limit).map((r) => fromRow(def, r));
  const last = rows.at(-1);
  return { items: rows, nextCursor: result.rows.length > q.limit && last ? String(last.rev) : null };
}

/** Every non-null reference must point at a record of the same organisation. */
async function checkReferences(ctx: WriteContext, type: RecordType, values: AnyRow): Promise<void> {
  const def = entityDef(type);
  for (const [field, schema] of Object.entries(def.fields)) {
    const meta = refOf(schema);
    const value = values[field];
    if (!meta || value === null || value === undefined) continue;
    const target = entityDefs[meta.ref as RecordType];
    if (!target) continue;
    const found = await sql`select 1 from ${sql.table(target.table)} where id = ${value} and org_id = ${ctx.actor.orgId}`.execute(ctx.trx);
    if (found.rows.length === 0) throw invalid(field, `no ${meta.ref} with id ${String(value)}`, 'missing_reference');
  }
}

/** Writing a record that belongs to a case needs the case to be visible to the actor. */
async function checkCaseAccess(ctx: WriteContext, type: RecordType, values: AnyRow): Promise<void> {
  const scope = recordPolicies[type].scope;
  if ((scope === 'caseChild' || scope === 'task') && typeof values.caseId === 'string') {
    await getRecord(ctx.trx, ctx.actor, 'case', values.caseId).catch((error: unknown) => {
      throw error instanceof Error && 'status' in error && error.status === 404 ? invalid('caseId', 'no case with this id that you may see', 'missing_reference') : error;
    });
  }
}

async function insertRow(ctx: WriteContext, type: RecordType, id: string, values: AnyRow): Promise<AnyRow> {
  const def = entityDef(type);
  const kinds = fieldKinds(def);
  const columns = ['id', 'org_id', 'created_at', 'updated_at', ...[...kinds.keys()].map(snakeCase)];
  const params = [id, ctx.actor.orgId, ctx.now, ctx.now, ...[...kinds].map(([field, kind]) => toParam(kind, values[field]))];
  const result = await sql<AnyRow>`insert into ${sql.table(def.table)} (${sql.join(columns.map((c) => sql.ref(c)))}) values (${sql.join(params)}) returning *`.execute(ctx.trx);
  const row = result.rows[0];
  if (!row) throw new Error(`insert into ${def.table} returned nothing`);
  return fromRow(def, row);
}

/**
 * Serialises writers (all store processes, one PostgreSQL): revs are then handed out in commit
 * order, so a pull that has seen rev R can never later find a committed row below R.
 */
export async function lockForWrite(trx: Transaction<DB>): Promise<number> {
  await sql`select pg_advisory_xact_lock(7261001)`.execute(trx);
  return committedRev(trx);
}

/** The highest rev handed out so far (0 on a fresh sequence); under the write lock, all committed. */
export async function committedRev(trx: Transaction<DB>): Promise<number> {
  const row = await sql<{ last: number }>`select case when is_called then last_value else 0 end as last from change_seq`.execute(trx);
  return Number(row.rows[0]?.last ?? 0);
}

export async function createRecord(ctx: WriteContext, type: RecordType, body: unknown): Promise<AnyRow> {
  if (!mayWrite(ctx.actor.roles, type, 'create')) throw forbidden(`your roles may not create ${type} records`);
  const def = entityDef(type);
  const rules = rulesOf(type);
  const input = parseOr400(rules.createSchema ?? def.create, body, '');
  const id = typeof input.id === 'string' ? input.id : randomUUID();
  const { id: _ignored, ...fields } = input;
  // Access to the case first, so a rule can never reveal anything about a case the actor may not see.
  await checkCaseAccess(ctx, type, fields);
  const values = rules.prepareCreate ? await rules.prepareCreate(ctx, fields) : fields;
  // The prepared values are the full record: check them against the stored shape once more.
  parseOr400(def.create, { id, ...values }, '');
  await checkReferences(ctx, type, values);
  if (values.caseId !== fields.caseId) await checkCaseAccess(ctx, type, values);
  const exists = await sql`select 1 from ${sql.table(def.table)} where id = ${id}`.execute(ctx.trx);
  if (exists.rows.length > 0) throw conflict(`a ${type} with id ${id} already exists`, [{ path: 'id', code: 'duplicate', message: 'already exists' }]);
  return insertRow(ctx, type, id, values);
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

export type UpdateOptions = {
  /** The rev the writer last saw; a different current rev refuses the update (HTTP If-Match). */
  expectedRev: number | null;
  /** Fields whose stored value was changed by someone else since the writer saw it (sync conflicts). */
  overwrites: ReadonlySet<string>;
  /**
   * Skip the role check: the write is authorised by a rule of its own (a playbook form writing the
   * case fields its definition names, an approver deciding). Row visibility and the type's rules still apply.
   */
  authorisedByRule?: boolean;
};

export async function updateRecord(ctx: WriteContext, type: RecordType, id: string, body: unknown, options: UpdateOptions): Promise<AnyRow> {
  const { expectedRev } = options;
  if (!options.authorisedByRule && !mayWrite(ctx.actor.roles, type, 'update')) throw forbidden(`your roles may not update ${type} records`);
  const def = entityDef(type);
  const rules = rulesOf(type);
  const parsed = parseOr400(def.patch, body, '');
  const before = await getRecord(ctx.trx, ctx.actor, type, id, true);
  if (expectedRev !== null && before.rev !== expectedRev) {
    throw conflict(`the ${type} changed since rev ${expectedRev} (now ${String(before.rev)})`, [{ path: 'rev', code: 'stale', message: `now ${String(before.rev)}` }]);
  }
  const patch = rules.beforeUpdate ? await rules.beforeUpdate(ctx, before, { ...parsed }) : { ...parsed };
  const changed = Object.entries(patch).filter(([field, value]) => !sameValue(before[field], value));
  if (changed.length === 0) return before;
  const changedValues = Object.fromEntries(changed);
  await checkReferences(ctx, type, changedValues);
  await checkCaseAccess(ctx, type, changedValues);
  const kinds = fieldKinds(def);
  const sets = changed.map(([field, value]) => sql`${sql.ref(snakeCase(field))} = ${toParam(kinds.get(field), value)}`);
  sets.push(sql`updated_at = ${ctx.now}`);
  const result = await sql<AnyRow>`update ${sql.table(def.table)} set ${sql.join(sets)} where id = ${id} returning *`.execute(ctx.trx);
  const row = result.rows[0];
  if (!row) throw notFound(`no ${type} ${id}`);
  const after = fromRow(def, row);
  if (!untrackedTypes.includes(type)) await recordHistory(ctx, type, before, changed, caseIdOf(type, after), options.overwrites);
  return after;
}

/** One history entry per changed field, with the value it replaced (kept even when overwritten). */
export async function recordHistory(ctx: WriteContext, type: RecordType, before: AnyRow, changed: [string, unknown][], caseId: string | null, overwrites: ReadonlySet<string> = new Set()): Promise<void> {
  for (const [field, value] of changed) {
    await insertRow(ctx, 'fieldHistory', randomUUID(), {
      recordType: type,
      recordId: before.id,
      caseId,
      field,
      oldValue: before[field] ?? null,
      newValue: value ?? null,
      changedById: ctx.actor.userId,
      deviceTime: ctx.deviceTime,
      deviceId: ctx.actor.deviceId,
      source: ctx.source,
      outcome: overwrites.has(field) ? 'overwritten' : 'applied',
    });
  }
}

export async function deleteRecord(ctx: WriteContext, type: RecordType, id: string): Promise<void> {
  if (!mayWrite(ctx.actor.roles, type, 'delete')) throw forbidden(`your roles may not delete ${type} records`);
  const def = entityDef(type);
  await getRecord(ctx.trx, ctx.actor, type, id, true);
  await sql`delete from ${sql.table(def.table)} where id = ${id}`.execute(ctx.trx);
  // Deferred foreign keys are checked at commit; check now so the answer names the problem.
  await sql`set constraints all immediate`.execute(ctx.trx);
}

/** Inserts a record the store itself writes (seed, history, SLA), bypassing role policy. */
export function insertSystemRecord(ctx: WriteContext, type: RecordType, values: AnyRow): Promise<AnyRow> {
  return insertRow(ctx, type, typeof values.id === 'string' ? values.id : randomUUID(), values);
}
