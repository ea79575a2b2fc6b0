/**
 * Row visibility as SQL: the server decides what each user may read, never the client. The sync
 * pull will select with the same predicates.
 */
import { sql, type RawBuilder } from 'kysely';
import { orgWideCaseRoles, type ReadScope } from '../../shared/access/policy';
import type { Actor } from './actor';

function uuidArray(ids: readonly string[]): RawBuilder<string[]> {
  // An array literal keeps the parameter a plain string on both drivers (pg and PGlite).
  return sql<string[]>`${`{${ids.join(',')}}`}::uuid[]`;
}

/** A condition on the cases table aliased `alias` that holds when the actor may see the case. */
export function caseVisible(actor: Actor, alias: string): RawBuilder<boolean> {
  const c = sql.table(alias);
  const org = sql<boolean>`${c}.org_id = ${actor.orgId}`;
  if (actor.roles.some((r) => orgWideCaseRoles.includes(r))) return org;
  const me = actor.userId;
  const ors: RawBuilder<boolean>[] = [
    sql<boolean>`exists (select 1 from contributors cw_k where cw_k.case_id = ${c}.id and cw_k.user_id = ${me})`,
  ];
  if (actor.roles.includes('agent')) {
    ors.push(sql<boolean>`${c}.assignment_group_id = any(${uuidArray(actor.groupIds)})`);
    ors.push(sql<boolean>`${c}.assigned_to_id = ${me}`);
    ors.push(sql<boolean>`${c}.opened_by_id = ${me}`);
  }
  if (actor.roles.includes('field_technician')) {
    ors.push(sql<boolean>`${c}.assigned_to_id = ${me}`);
    ors.push(sql<boolean>`exists (select 1 from tasks cw_t where cw_t.case_id = ${c}.id and (cw_t.assigned_to_id = ${me} or cw_t.assignment_group_id = any(${uuidArray(actor.groupIds)})))`);
  }
  return sql<boolean>`(${org} and (${sql.join(ors, sql` or `)}))`;
}

/** A condition on a table aliased `alias` with the given read scope. */
export function rowVisible(actor: Actor, scope: ReadScope, alias: string, mayReadReference: boolean): RawBuilder<boolean> {
  const t = sql.table(alias);
  const org = sql<boolean>`${t}.org_id = ${actor.orgId}`;
  const visibleCase = (column: RawBuilder<unknown>) =>
    sql<boolean>`exists (select 1 from cases vc where vc.id = ${column} and ${caseVisible(actor, 'vc')})`;
  switch (scope) {
    case 'config':
      return org;
    case 'reference':
      return mayReadReference ? org : sql<boolean>`false`;
    case 'case':
      return caseVisible(actor, alias);
    case 'caseChild':
      return sql<boolean>`(${org} and (${visibleCase(sql`${t}.case_id`)}${mayReadReference ? sql` or ${t}.case_id is null` : sql``}))`;
    case 'task':
      return sql<boolean>`(${org} and (${t}.assigned_to_id = ${actor.userId} or ${t}.assignment_group_id = any(${uuidArray(actor.groupIds)}) or ${visibleCase(sql`${t}.case_id`)}))`;
    default: {
      const exhaustive: never = scope;
      return exhaustive;
    }
  }
}
