/**
 * Notices of cases newly assigned to the signed-in user by someone else. It watches the user's
 * open cases in the cache (the `[assignedToId+state]` index) and announces those that appear there
 * from a pull: not the ones already held when the workspace opened, not while a snapshot (first
 * download or reset) fills the cache, not cases the user's own pending mutations put there, and
 * not those whose last assignment the user made themselves (on another device). Each notice shows
 * in the workspace and, when allowed, as an OS notification through the host.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Case } from '../../shared/domain/case';
import { caseTypeDef } from '../../shared/domain/caseType';
import type { FieldHistory } from '../../shared/domain/fieldHistory';
import { pendingIds } from '../cases/caseData';
import { recordTable, type CasewayDb } from '../db/database';
import type { Host } from '../platform/host';

export type NoticeCase = { id: string; number: string; shortDescription: string; byName: string | null };
export type AssignmentNotice = { id: string; at: string; cases: NoticeCase[] };

type Watched = { isSnapshotting: boolean; ids: string[]; pending: Set<string> };

/** The state keys that are open (new, active, waiting) in some case type's life cycle. */
async function openStates(db: CasewayDb): Promise<string[]> {
  const open = new Set<string>();
  for (const type of await recordTable(db, 'caseType').toArray()) {
    const lifecycle = caseTypeDef.fields.lifecycle.safeParse(type.lifecycle);
    if (lifecycle.success) for (const s of lifecycle.data.states) if (s.category === 'new' || s.category === 'active' || s.category === 'waiting') open.add(s.key);
  }
  return [...open];
}

async function watch(db: CasewayDb, userId: string): Promise<Watched> {
  const [meta, states, pending] = await Promise.all([db.meta.get('sync'), openStates(db), pendingIds(db, 'case')]);
  const ids = states.length ? await recordTable(db, 'case').where('[assignedToId+state]').anyOf(states.map((s) => [userId, s])).primaryKeys() : [];
  return { isSnapshotting: meta?.isSnapshotting ?? true, ids: ids.map(String), pending };
}

/**
 * Of the cases that just appeared, those someone else assigned, with who did: the latest change of
 * the case's assignee in its field history; without one, whoever opened the case.
 */
export async function assignedBySomeoneElse(db: CasewayDb, userId: string, caseIds: readonly string[]): Promise<NoticeCase[]> {
  const cases = (await recordTable(db, 'case').bulkGet([...caseIds])) as unknown as (Case | undefined)[];
  const found: NoticeCase[] = [];
  for (const c of cases) {
    if (!c) continue;
    const history = (await recordTable(db, 'fieldHistory')
      .where('[caseId+createdAt]')
      .between([c.id, ''], [c.id, '\uffff'])
      .toArray()) as unknown as FieldHistory[];
    const last = history.filter((h) => h.field === 'assignedToId').at(-1);
    const by = last ? last.changedById : c.openedById;
    if (by === userId) continue;
    const user = by ? await recordTable(db, 'user').get(by) : undefined;
    found.push({ id: c.id, number: c.number, shortDescription: c.shortDescription, byName: user ? String(user.displayName) : null });
  }
  return found;
}

export function useAssignmentNotices(db: CasewayDb, userId: string, host: Host): { notices: AssignmentNotice[]; dismiss: (id: string) => void } {
  const { t } = useTranslation();
  const watched = useLiveQuery(async () => watch(db, userId), [db, userId]);
  const known = useRef<Set<string> | null>(null);
  const [notices, setNotices] = useState<AssignmentNotice[]>([]);

  useEffect(() => {
    if (!watched) return;
    const previous = known.current;
    known.current = new Set(watched.ids);
    // The first read and a snapshot only set what the user already holds.
    if (previous === null || watched.isSnapshotting) return;
    const fresh = watched.ids.filter((id) => !previous.has(id) && !watched.pending.has(id));
    if (fresh.length === 0) return;
    void assignedBySomeoneElse(db, userId, fresh).then((cases) => {
      if (cases.length === 0) return;
      const first = cases[0];
      setNotices((list) => [...list, { id: crypto.randomUUID(), at: new Date().toISOString(), cases }].slice(-5));
      if (cases.length === 1 && first) host.notify(t('team.noticeTitle'), t('team.noticeOne', { number: first.number, description: first.shortDescription, by: first.byName ?? t('team.someone') }));
      else host.notify(t('team.noticesTitle', { count: cases.length }), cases.map((c) => c.number).join(', '));
    });
  }, [watched, db, userId, host, t]);

  const dismiss = useCallback((id: string) => setNotices((list) => list.filter((n) => n.id !== id)), []);
  return { notices, dismiss };
}
