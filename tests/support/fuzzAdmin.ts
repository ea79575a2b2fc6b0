/**
 * Writes of the convergence test made straight through the HTTP API by the city's administrator:
 * cases moved between groups and reassigned, the partner added to and removed from cases, people
 * joining and leaving groups, cases moved on in their life cycle, comments deleted, work orders
 * created (often at an install base item) and passed between technicians, and the tombstone
 * retention job run. They move cases into and out of the devices' scopes (SPEC P3, P4, P6, P8) and
 * change what the devices' queued mutations assumed (C3, C4, P5).
 */
import { sql } from 'kysely';
import { availableActions } from '../../shared/domain/caseLifecycle';
import type { Random } from '../../server/seed/random';
import { purgeTombstones } from '../../server/sync/retention';
import type { GroupKey, World } from './fuzzIntents';
import { call, login, type Harness } from './harness';

type CaseRow = { id: string; case_type_id: string; state: string; assignment_group_id: string | null; closed_at: Date | null; resolved_at: Date | null };

const uuids = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

export class FuzzAdmin {
  /** Journal entries the administrator deleted (a mutation's comment may be among them). */
  readonly deletedJournal = new Set<string>();
  readonly writes = new Map<string, number>();

  private constructor(
    readonly h: Harness,
    readonly world: World,
    readonly token: string,
  ) {}

  static async start(h: Harness, world: World): Promise<FuzzAdmin> {
    const { token } = await login(h, 'riv.admin', 'admin browser');
    return new FuzzAdmin(h, world, token);
  }

  private async cases(): Promise<{ all: CaseRow[]; open: CaseRow[] }> {
    const g = this.world.groups;
    const rows = await sql<CaseRow>`select id, case_type_id, state, assignment_group_id, closed_at, resolved_at from cases where org_id = ${this.world.orgId} and assignment_group_id = any(${uuids([g.roads, g.contact, g.benefits, g.permits])}) order by id`.execute(this.h.store.db);
    return { all: rows.rows, open: rows.rows.filter((c) => c.closed_at === null && c.resolved_at === null) };
  }

  private async send(kind: string, method: string, path: string, body?: unknown): Promise<void> {
    const reply = await call(this.h, method, path, { token: this.token, ...(body === undefined ? {} : { body }) });
    if (reply.status >= 500) throw new Error(`admin ${kind}: ${method} ${path} answered ${reply.status} ${JSON.stringify(reply.body)}`);
    const key = `${kind}:${reply.status < 300 ? 'ok' : reply.status}`;
    this.writes.set(key, (this.writes.get(key) ?? 0) + 1);
  }

  /** One random write; refusals (a closed case, a duplicate) are fine, a store fault is not. */
  async act(r: Random): Promise<void> {
    const { world } = this;
    const { all, open } = await this.cases();
    const pickCase = (pool: CaseRow[]): CaseRow | null => (pool.length ? r.pick(pool) : all.length ? r.pick(all) : null);
    const kind = r.weighted([['move', 25], ['assign', 10], ['contributor', 15], ['membership', 6], ['transition', 10], ['deleteNote', 8], ['taskMove', 14], ['workOrder', 10], ['purge', 3]] as const);
    switch (kind) {
      case 'move': {
        const c = pickCase(open.slice(0, 12));
        const target = r.weighted([['roads', 4], ['contact', 3], ['benefits', 1], ['permits', 2]] as const satisfies readonly (readonly [GroupKey, number])[]);
        if (c) await this.send(kind, 'PATCH', `/api/records/case/${c.id}`, { assignmentGroupId: world.groups[target] });
        return;
      }
      case 'assign': {
        const c = pickCase(open);
        const members = c?.assignment_group_id ? await sql<{ user_id: string }>`select user_id from group_members where group_id = ${c.assignment_group_id} order by user_id`.execute(this.h.store.db) : null;
        if (c && members?.rows.length) await this.send(kind, 'PATCH', `/api/records/case/${c.id}`, { assignedToId: r.pick(members.rows).user_id });
        return;
      }
      case 'contributor': {
        const partnerId = world.users.get('riv.partner');
        const existing = await sql<{ id: string }>`select k.id from contributors k join cases c on c.id = k.case_id where c.org_id = ${world.orgId} and k.user_id = ${partnerId} order by k.id`.execute(this.h.store.db);
        if (existing.rows.length && r.chance(0.45)) return this.send(kind, 'DELETE', `/api/records/contributor/${r.pick(existing.rows).id}`);
        const c = pickCase(open.slice(0, 12));
        if (c) await this.send(kind, 'POST', '/api/records/contributor', { caseId: c.id, userId: partnerId, reason: 'Asphalt crew on site' });
        return;
      }
      case 'membership': {
        // Joining or leaving a group changes the member's scope: its devices start a fresh snapshot (P6).
        const [username, group] = r.pick([['noah.king', 'contact'], ['liam.chen', 'roads'], ['riv.agent', 'benefits']] as const);
        const userId = world.users.get(username);
        const row = await sql<{ id: string }>`select id from group_members where user_id = ${userId} and group_id = ${world.groups[group]}`.execute(this.h.store.db);
        const member = row.rows[0];
        if (member) await this.send(kind, 'DELETE', `/api/records/groupMember/${member.id}`);
        else await this.send(kind, 'POST', '/api/records/groupMember', { groupId: world.groups[group], userId, isManager: false });
        return;
      }
      case 'transition': {
        const c = pickCase(open);
        const type = c ? world.caseTypes.get(c.case_type_id) : undefined;
        if (!c || !type) return;
        const offered = availableActions(type.lifecycle, { state: c.state, closedAt: null, openTaskCount: 0 }, new Date().toISOString());
        if (!offered.length) return;
        const t = r.pick(offered);
        const code = t.requiresResolution ? r.pick(type.resolutionCodes) : null;
        await this.send(kind, 'POST', `/api/cases/${c.id}/transition`, { action: t.action, resolutionCode: code, resolutionNotes: code ? 'Settled at the office' : null });
        return;
      }
      case 'deleteNote': {
        const notes = await sql<{ id: string }>`select j.id from journal_entries j join cases c on c.id = j.case_id where c.id = any(${uuids(all.map((c) => c.id))}) order by j.id`.execute(this.h.store.db);
        if (!notes.rows.length) return;
        const id = r.pick(notes.rows).id;
        this.deletedJournal.add(id);
        await this.send(kind, 'DELETE', `/api/records/journalEntry/${id}`);
        return;
      }
      case 'taskMove': {
        const tasks = await sql<{ id: string }>`select t.id from tasks t join cases c on c.id = t.case_id where c.org_id = ${world.orgId} and c.closed_at is null and t.state in ('open', 'in_progress', 'paused') order by t.id`.execute(this.h.store.db);
        if (!tasks.rows.length) return;
        const body = r.chance(0.5) ? { assignedToId: r.pick([...world.technicianIds, null]) } : { assignedToId: null, assignmentGroupId: r.pick([world.groups.crews, null]) };
        await this.send(kind, 'PATCH', `/api/records/task/${r.pick(tasks.rows).id}`, body);
        return;
      }
      case 'workOrder': {
        const c = pickCase(open.filter((k) => world.caseTypes.get(k.case_type_id)?.key === 'pothole_report'));
        // Often at a street light or road segment: the item's tree enters the technician's scope (P4).
        const items = await sql<{ id: string }>`select id from install_base_items where org_id = ${world.orgId} and state not in ('replaced', 'retired') order by id`.execute(this.h.store.db);
        const installBaseItemId = items.rows.length && r.chance(0.6) ? r.pick(items.rows).id : null;
        if (c) await this.send(kind, 'POST', '/api/records/task', { caseId: c.id, kind: 'work_order', shortDescription: 'Attend: reported by the office', assignmentGroupId: world.groups.crews, assignedToId: r.pick(world.technicianIds), installBaseItemId });
        return;
      }
      case 'purge': {
        // The store's retention job, run as if forty days had passed: every tombstone goes, and a
        // device whose cursor lies below them re-snapshots, keeping its queued work (SPEC P8).
        const { purged } = await purgeTombstones(this.h.store.db, { now: new Date(Date.now() + 40 * 86_400_000) });
        this.writes.set(`purge:${purged > 0 ? 'ok' : 'none'}`, (this.writes.get(`purge:${purged > 0 ? 'ok' : 'none'}`) ?? 0) + 1);
        return;
      }
      default: {
        const exhaustive: never = kind;
        return exhaustive;
      }
    }
  }
}
