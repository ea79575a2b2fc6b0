/**
 * What each device holds (DESIGN §3, SPEC rules P1–P4): the cases its user works and everything
 * they need, never more than the user may read. An agent: its groups' cases (and those assigned to,
 * opened by or contributed to by it) plus the organisation's people, products and contracts for
 * intake; a supervisor or administrator: its teams' cases; a field technician: the cases of its
 * work orders and only the records they reference; a business stakeholder: the cases it opened or
 * must approve; a contributor: only the cases it was added to.
 */
import { sql, type RawBuilder } from 'kysely';
import { recordPolicies } from '../../shared/access/policy';
import { refOf } from '../../shared/domain/entity';
import { caseDef } from '../../shared/domain/case';
import type { RecordType } from '../../shared/domain/records';
import { taskDef } from '../../shared/domain/task';
import type { Actor } from '../services/actor';
import { snakeCase } from '../services/rowMapping';

function uuidArray(ids: readonly string[]): RawBuilder<string[]> {
  return sql<string[]>`${`{${ids.join(',')}}`}::uuid[]`;
}

const has = (actor: Actor, ...roles: Actor['roles'][number][]): boolean => actor.roles.some((r) => roles.includes(r));

/** The cases on the user's devices: a condition on `cases` aliased `alias`. Always within what the user may read. */
export function casePulled(actor: Actor, alias: string): RawBuilder<boolean> {
  const c = sql.table(alias);
  const me = actor.userId;
  const groups = uuidArray(actor.groupIds);
  const ors: RawBuilder<boolean>[] = [sql<boolean>`exists (select 1 from contributors cw_k where cw_k.case_id = ${c}.id and cw_k.user_id = ${me})`];
  if (has(actor, 'agent', 'supervisor', 'administrator')) {
    ors.push(sql<boolean>`${c}.assignment_group_id = any(${groups})`, sql<boolean>`${c}.assigned_to_id = ${me}`);
  }
  if (has(actor, 'agent', 'business_stakeholder')) ors.push(sql<boolean>`${c}.opened_by_id = ${me}`);
  if (has(actor, 'field_technician')) {
    ors.push(sql<boolean>`${c}.assigned_to_id = ${me}`);
    ors.push(sql<boolean>`exists (select 1 from tasks cw_t where cw_t.case_id = ${c}.id and (cw_t.assigned_to_id = ${me} or cw_t.assignment_group_id = any(${groups})))`);
  }
  if (has(actor, 'business_stakeholder')) {
    ors.push(sql<boolean>`exists (select 1 from approvals cw_a where cw_a.case_id = ${c}.id and (cw_a.approver_id = ${me} or cw_a.approver_role = any(${`{${actor.roles.join(',')}}`}::text[])))`);
  }
  // coalesce: a null column (no assignee) must read as "not pulled", never as unknown, or NOT breaks.
  return sql<boolean>`coalesce((${c}.org_id = ${actor.orgId} and (${sql.join(ors, sql` or `)})), false)`;
}

/** Organisation set-up and the staff directory: everyone but contributors gets all of it. */
const directoryTypes: readonly RecordType[] = ['serviceOrganization', 'businessLocation', 'user', 'group', 'groupMember', 'skill', 'userSkill', 'productModel', 'catalogItem'];

/** Rows of `type` that a pulled case, or a work order assigned to the actor, points at directly. */
function directlyReferenced(actor: Actor, type: RecordType, alias: string): RawBuilder<boolean> {
  const t = sql.table(alias);
  const ors: RawBuilder<boolean>[] = [];
  for (const [field, schema] of Object.entries(caseDef.fields)) {
    if (refOf(schema)?.ref === type) ors.push(sql<boolean>`exists (select 1 from cases rc where rc.${sql.ref(snakeCase(field))} = ${t}.id and ${casePulled(actor, 'rc')})`);
  }
  for (const [field, schema] of Object.entries(taskDef.fields)) {
    if (refOf(schema)?.ref === type) ors.push(sql<boolean>`exists (select 1 from tasks rt where rt.${sql.ref(snakeCase(field))} = ${t}.id and rt.assigned_to_id = ${actor.userId})`);
  }
  return ors.length ? sql<boolean>`(${sql.join(ors, sql` or `)})` : sql<boolean>`false`;
}

/** Like directlyReferenced, and for install base items the whole tree at the site. */
function referencedByPulledCases(actor: Actor, type: RecordType, alias: string): RawBuilder<boolean> {
  if (type !== 'installBaseItem') return directlyReferenced(actor, type, alias);
  const t = sql.table(alias);
  return sql<boolean>`(${directlyReferenced(actor, type, alias)} or exists (
    select 1 from install_base_items ri
    where (ri.id in (${t}.id, ${t}.root_id) or ri.root_id in (${t}.id, ${t}.root_id)) and ${directlyReferenced(actor, type, 'ri')}))`;
}

/** Whether rows of `type` aliased `alias` belong on the actor's devices. */
export function rowPulled(actor: Actor, type: RecordType, alias: string): RawBuilder<boolean> {
  const t = sql.table(alias);
  const org = sql<boolean>`${t}.org_id = ${actor.orgId}`;
  const isContributorOnly = actor.roles.every((r) => r === 'contributor');
  const scope = recordPolicies[type].scope;
  const caseOf = (column: RawBuilder<unknown>) => sql<boolean>`exists (select 1 from cases pc where pc.id = ${column} and ${casePulled(actor, 'pc')})`;
  switch (scope) {
    case 'config':
      return org;
    case 'case':
      return casePulled(actor, alias);
    case 'task':
      return sql<boolean>`(${org} and (${t}.assigned_to_id = ${actor.userId} or ${caseOf(sql`${t}.case_id`)}))`;
    case 'caseChild': {
      const orphan = isContributorOnly ? sql<boolean>`false` : sql<boolean>`(${t}.case_id is null and ${type === 'fieldHistory' ? sql<boolean>`false` : org})`;
      return sql<boolean>`(${org} and (${caseOf(sql`${t}.case_id`)} or ${orphan}))`;
    }
    case 'reference': {
      if (isContributorOnly) return sql<boolean>`false`;
      if (!has(actor, 'field_technician') || has(actor, 'agent', 'supervisor', 'administrator', 'business_stakeholder') || directoryTypes.includes(type)) return org;
      return sql<boolean>`(${org} and ${technicianReference(actor, type, alias)})`;
    }
    default: {
      const exhaustive: never = scope;
      return exhaustive;
    }
  }
}

/** A field technician's people, sites and contracts: those its pulled cases and work orders reference. */
function technicianReference(actor: Actor, type: RecordType, alias: string): RawBuilder<boolean> {
  const t = sql.table(alias);
  switch (type) {
    case 'householdMember':
      return sql<boolean>`exists (select 1 from households rh where rh.id = ${t}.household_id and ${referencedByPulledCases(actor, 'household', 'rh')})`;
    case 'contractLine':
      return sql<boolean>`exists (select 1 from service_contracts rs where rs.id = ${t}.contract_id and ${referencedByPulledCases(actor, 'serviceContract', 'rs')})`;
    case 'asset':
      return sql<boolean>`exists (select 1 from install_base_items ra where ra.id = ${t}.install_base_item_id and ${referencedByPulledCases(actor, 'installBaseItem', 'ra')})`;
    case 'address':
      return sql<boolean>`(${referencedByPulledCases(actor, 'address', alias)}
        or exists (select 1 from consumers rp where rp.address_id = ${t}.id and ${referencedByPulledCases(actor, 'consumer', 'rp')})
        or exists (select 1 from accounts rq where rq.address_id = ${t}.id and ${referencedByPulledCases(actor, 'account', 'rq')}))`;
    default:
      return referencedByPulledCases(actor, type, alias);
  }
}

