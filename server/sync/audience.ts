/**
 * Who must hear about a write (SPEC L1): the devices whose data it changed, not the whole
 * organisation. A writer holds the write lock, so every row with a rev above the one it saw when
 * it took the lock is its own; from those rows the audience is read in one statement. Changes to
 * the organisation's set-up and shared records (people, products, contracts) reach everyone; a
 * case's records reach its groups (the case's and its work orders'), the people named on it
 * (assignee, opener, contributors, work order assignees, approvers) and approver roles. Those who
 * just lost a case (reassigned, contributor removed) are named by triggers with the old values
 * (migration 0005).
 */
import { sql, type RawBuilder, type Transaction } from 'kysely';
import { recordPolicies } from '../../shared/access/policy';
import { entityDef, recordTypes, type RecordType } from '../../shared/domain/records';
import type { DB } from '../db/schema';

export type Audience = { orgId: string; everyone: boolean; groups: string[]; users: string[]; roles: string[] };

const caseBound = (type: RecordType): boolean => {
  const scope = recordPolicies[type].scope;
  return scope === 'case' || scope === 'caseChild' || scope === 'task';
};
const sharedTypes = recordTypes.filter((t) => !caseBound(t));
const childTypes = recordTypes.filter((t) => caseBound(t) && t !== 'case');

const textArray = (values: readonly string[]): RawBuilder<string[]> => sql<string[]>`${`{${values.join(',')}}`}::text[]`;

/** The audience of everything written by this transaction above `sinceRev`; null when it wrote nothing. */
export async function changeAudience(trx: Transaction<DB>, orgId: string, sinceRev: number): Promise<Audience | null> {
  const shared = sql.join(
    sharedTypes.map((t) => sql`exists (select 1 from ${sql.table(entityDef(t).table)} where org_id = ${orgId} and rev > ${sinceRev})`),
    sql` or `,
  );
  // Records of a case without a case (orphans) are everyone's, like shared records.
  const orphans = sql.join(
    childTypes.map((t) => sql`exists (select 1 from ${sql.table(entityDef(t).table)} where org_id = ${orgId} and rev > ${sinceRev} and case_id is null${t === 'task' ? sql` and assigned_to_id is null` : sql``})`),
    sql` or `,
  );
  const touchedCases = sql.join(
    [
      sql`select id as case_id from cases where org_id = ${orgId} and rev > ${sinceRev}`,
      sql`select case_id from tombstones where org_id = ${orgId} and rev > ${sinceRev} and case_id is not null`,
      ...childTypes.map((t) => sql`select case_id from ${sql.table(entityDef(t).table)} where org_id = ${orgId} and rev > ${sinceRev} and case_id is not null`),
    ],
    sql` union `,
  );
  const row = await sql<{ wrote: boolean; everyone: boolean; groups: string[] | null; users: string[] | null; roles: string[] | null }>`
    with touched as (${touchedCases}),
    loose_tasks as (select assigned_to_id, assignment_group_id from tasks where org_id = ${orgId} and rev > ${sinceRev} and case_id is null)
    select
      (exists (select 1 from touched) or exists (select 1 from loose_tasks)
        or exists (select 1 from tombstones where org_id = ${orgId} and rev > ${sinceRev}) or ${shared}) as wrote,
      (${shared} or ${orphans}
        or exists (select 1 from tombstones where org_id = ${orgId} and rev > ${sinceRev} and record_type = any(${textArray(sharedTypes)}))) as everyone,
      array(
        select assignment_group_id::text from cases where id in (select case_id from touched) and assignment_group_id is not null
        union select assignment_group_id::text from tasks where case_id in (select case_id from touched) and assignment_group_id is not null
        union select assignment_group_id::text from loose_tasks where assignment_group_id is not null) as groups,
      array(
        select unnest(array[assigned_to_id, opened_by_id])::text from cases where id in (select case_id from touched)
        union select user_id::text from contributors where case_id in (select case_id from touched)
        union select assigned_to_id::text from tasks where case_id in (select case_id from touched) and assigned_to_id is not null
        union select approver_id::text from approvals where case_id in (select case_id from touched) and approver_id is not null
        union select assigned_to_id::text from loose_tasks where assigned_to_id is not null) as users,
      array(select distinct approver_role from approvals where case_id in (select case_id from touched) and approver_role is not null) as roles
  `.execute(trx);
  const r = row.rows[0];
  if (!r?.wrote) return null;
  return { orgId, everyone: r.everyone, groups: r.groups ?? [], users: (r.users ?? []).filter(Boolean), roles: r.roles ?? [] };
}

/** A poke's payload: JSON of an audience. A bare organisation id (older writers) means everyone. */
export function parseAudience(payload: string): Audience | null {
  if (!payload.startsWith('{')) return payload ? { orgId: payload, everyone: true, groups: [], users: [], roles: [] } : null;
  try {
    const raw = JSON.parse(payload) as { o?: unknown; e?: unknown; g?: unknown; u?: unknown; r?: unknown };
    if (typeof raw.o !== 'string') return null;
    const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
    return { orgId: raw.o, everyone: raw.e === true, groups: list(raw.g), users: list(raw.u), roles: list(raw.r) };
  } catch {
    return null;
  }
}

/** NOTIFY payloads must stay under 8000 bytes: a very wide audience becomes everyone. */
const maxPayload = 7000;

export function audiencePayload(a: Audience): string {
  const payload = JSON.stringify({ o: a.orgId, ...(a.everyone ? { e: true } : { g: a.groups, u: a.users, r: a.roles }) });
  return payload.length <= maxPayload ? payload : JSON.stringify({ o: a.orgId, e: true });
}

/** Whether a device signed in as this user must be poked. */
export function reaches(a: Audience, who: { userId: string; groupIds: readonly string[]; roles: readonly string[] }): boolean {
  return a.everyone || a.users.includes(who.userId) || who.groupIds.some((g) => a.groups.includes(g)) || who.roles.some((r) => a.roles.includes(r));
}
