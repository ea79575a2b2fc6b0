/**
 * What a field technician takes on site besides its synced records: the history of the install
 * base items its work orders name (`GET /api/fieldwork/history?itemIds=…`). For each item the
 * caller's devices may hold (the pull's own scope, SPEC P2/P11), the earlier cases and work orders
 * on any item of the same site tree, newest first, with the work orders' parts and work notes.
 * Items the caller may not see and unknown ids are answered alike, in `missing`.
 */
import type { FastifyInstance } from 'fastify';
import { sql, type RawBuilder, type Transaction } from 'kysely';
import { itemHistoryQuerySchema, maxHistoryRows, type HistoryCase, type HistoryWork, type ItemHistoryAnswer } from '../../shared/api/fieldwork';
import type { Task } from '../../shared/domain/task';
import type { Store } from '../db/database';
import type { DB } from '../db/schema';
import { requireAuth } from '../http/access';
import { parseOr400 } from '../http/errors';
import type { Actor } from '../services/actor';
import { toIso } from '../services/rowMapping';
import { rowPulled } from '../sync/pullScope';

const uuids = (ids: readonly string[]): RawBuilder<string[]> => sql<string[]>`${`{${ids.join(',')}}`}::uuid[]`;
const iso = (v: unknown): string | null => (v === null || v === undefined ? null : String(toIso(v)));

type CaseRow = { id: string; number: string; short_description: string; state: string; opened_at: unknown; resolved_at: unknown; resolution_code: string | null; install_base_item_id: string | null };
type WorkRow = { id: string; number: string; case_id: string | null; short_description: string; state: string; completed_at: unknown; sort_at: unknown; parts_used: Task['partsUsed'] | null; assignee: string | null; item_id: string | null; case_item_id: string | null };

/** The earlier cases and work orders on the items `treeIds`, newest first, each with its work notes. */
async function historyOf(trx: Transaction<DB>, actor: Actor, treeIds: string[]): Promise<{ cases: CaseRow[]; work: (WorkRow & { notes: string[] })[] }> {
  const cases = await sql<CaseRow>`select c.id, c.number, c.short_description, c.state, c.opened_at, c.resolved_at, c.resolution_code, c.install_base_item_id from cases c
    where c.org_id = ${actor.orgId} and c.install_base_item_id = any(${uuids(treeIds)}) order by c.opened_at desc, c.id`.execute(trx);
  // A work order counts when it names an item of the tree, or its case does.
  const work = await sql<WorkRow>`select t.id, t.number, t.case_id, t.short_description, t.state, t.completed_at, coalesce(t.completed_at, t.scheduled_start, t.created_at) as sort_at,
      t.parts_used, u.display_name as assignee, t.install_base_item_id as item_id, c.install_base_item_id as case_item_id
    from tasks t left join users u on u.id = t.assigned_to_id left join cases c on c.id = t.case_id
    where t.org_id = ${actor.orgId} and t.kind in ('work_order', 'inspection')
      and (t.install_base_item_id = any(${uuids(treeIds)}) or c.install_base_item_id = any(${uuids(treeIds)}))
    order by sort_at desc, t.id`.execute(trx);
  const workIds = work.rows.map((w) => w.id);
  const notes = workIds.length
    ? (await sql<{ task_id: string; body: string }>`select task_id, body from journal_entries where task_id = any(${uuids(workIds)}) and kind = 'work_note' order by created_at, id`.execute(trx)).rows
    : [];
  const notesOf = new Map<string, string[]>();
  for (const n of notes) notesOf.set(n.task_id, [...(notesOf.get(n.task_id) ?? []), n.body]);
  return { cases: cases.rows, work: work.rows.map((w) => ({ ...w, notes: notesOf.get(w.id) ?? [] })) };
}

function pushTo<T>(map: Map<string, T[]>, key: string | undefined, value: T): void {
  if (key !== undefined) map.set(key, [...(map.get(key) ?? []), value]);
}

export function fieldworkRoutes(app: FastifyInstance, store: Store): void {
  app.get('/api/fieldwork/history', { config: { access: 'authenticated' } }, async (request): Promise<ItemHistoryAnswer> => {
    const { actor } = requireAuth(request);
    const { itemIds } = parseOr400(itemHistoryQuerySchema, request.query, '');
    const asked = [...new Set(itemIds)];
    const fetchedAt = new Date().toISOString();
    // One snapshot for every read, so an item and its history agree.
    return store.db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
      const visible = await sql<{ id: string; root: string }>`select i.id, coalesce(i.root_id, i.id) as root from install_base_items i
        where i.id = any(${uuids(asked)}) and i.org_id = ${actor.orgId} and ${rowPulled(actor, 'installBaseItem', 'i')}`.execute(trx);
      const rootOf = new Map(visible.rows.map((r) => [r.id, r.root]));
      const missing = asked.filter((id) => !rootOf.has(id));
      if (rootOf.size === 0) return { items: [], missing };

      const tree = await sql<{ id: string; root: string }>`select id, coalesce(root_id, id) as root from install_base_items
        where org_id = ${actor.orgId} and coalesce(root_id, id) = any(${uuids([...new Set(rootOf.values())])})`.execute(trx);
      const rootOfTreeItem = new Map(tree.rows.map((r) => [r.id, r.root]));
      const { cases, work } = await historyOf(trx, actor, tree.rows.map((r) => r.id));
      const casesByRoot = new Map<string, HistoryCase[]>();
      for (const c of cases) {
        pushTo(casesByRoot, rootOfTreeItem.get(c.install_base_item_id ?? ''), { id: c.id, number: c.number, shortDescription: c.short_description, state: c.state, openedAt: iso(c.opened_at) ?? '', resolvedAt: iso(c.resolved_at), resolutionCode: c.resolution_code, installBaseItemId: c.install_base_item_id });
      }
      const workByRoot = new Map<string, HistoryWork[]>();
      for (const w of work) {
        const root = rootOfTreeItem.get(w.item_id ?? '') ?? rootOfTreeItem.get(w.case_item_id ?? '');
        pushTo(workByRoot, root, { id: w.id, number: w.number, caseId: w.case_id, shortDescription: w.short_description, state: w.state, completedAt: iso(w.completed_at), assignedToName: w.assignee, partsUsed: w.parts_used ?? [], notes: w.notes });
      }
      const items = asked.flatMap((id) => {
        const root = rootOf.get(id);
        if (!root) return [];
        return [{ installBaseItemId: id, fetchedAt, cases: (casesByRoot.get(root) ?? []).slice(0, maxHistoryRows), work: (workByRoot.get(root) ?? []).slice(0, maxHistoryRows) }];
      });
      return { items, missing };
    });
  });
}
