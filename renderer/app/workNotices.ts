/**
 * Notices of work that needs the signed-in user soon, modelled on assignmentNotices.ts: read from
 * the local cache with live queries, shown in the workspace and, through the host, as an OS
 * notification. (a) Approvals asked of the user (by name, or of one of their roles) that arrive in
 * the requested state; (b) the user's open cases whose SLA breaches within the next 30 minutes,
 * judged as the team board judges SLA risk (`boardSla`). Each is told once per device
 * (notifiedMemory.ts). Approvals already there when this device first looked, or while a snapshot
 * fills the cache, and those the user asked for themselves are learnt without a notice; a case
 * near its breach is told whenever it is first seen near it, since the time left is what matters.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseSla } from '../../shared/domain/sla';
import { recordTable, type CasewayDb } from '../db/database';
import type { Host } from '../platform/host';
import { requestedForMe, type Approver } from '../playbooks/approvalsData';
import { loadCaseTypes } from '../supervisor/boardData';
import { boardSla } from '../supervisor/boardModel';
import { notifiedKey, notifiedMemory } from './notifiedMemory';

/** How soon a breach must be to be told of. */
export const slaNoticeWindowMs = 30 * 60_000;
/** How often the SLA clocks are judged again while nothing in the cache changes. */
const slaCheckEveryMs = 30_000;
/** Keys kept per kind and user (notifiedMemory.ts). */
const memorySize = 500;

export type ApprovalNoticeItem = { key: string; caseId: string; number: string; shortDescription: string; requestedById: string; byName: string | null };
export type SlaNoticeItem = { key: string; caseId: string; number: string; shortDescription: string; dueAt: string };
export type WorkNotice = { id: string; kind: 'approval'; items: ApprovalNoticeItem[] } | { id: string; kind: 'sla'; items: SlaNoticeItem[] };

type Clock = Pick<CaseSla, 'startedAt' | 'dueAt' | 'hasBreached' | 'state'>;
export type ClockedCase = { id: string; number: string; shortDescription: string; clocks: Clock[] };

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

async function isSnapshotting(db: CasewayDb): Promise<boolean> {
  return (await db.meta.get('sync'))?.isSnapshotting ?? true;
}

/** The approvals now waiting for the user, with their case and who asked. */
export async function watchApprovals(db: CasewayDb, me: Approver): Promise<{ isSnapshotting: boolean; items: ApprovalNoticeItem[] }> {
  const [snapshotting, approvals] = await Promise.all([isSnapshotting(db), requestedForMe(db, me)]);
  const [cases, users] = await Promise.all([
    recordTable(db, 'case').bulkGet([...new Set(approvals.map((a) => str(a.caseId)))]),
    recordTable(db, 'user').bulkGet([...new Set(approvals.map((a) => str(a.requestedById)))]),
  ]);
  const caseById = new Map(cases.filter((c) => c !== undefined).map((c) => [c.id, c]));
  const nameById = new Map(users.filter((u) => u !== undefined).map((u) => [u.id, str(u.displayName)]));
  const items = approvals.map((a) => {
    const c = caseById.get(str(a.caseId));
    return { key: a.id, caseId: str(a.caseId), number: str(c?.number), shortDescription: str(c?.shortDescription), requestedById: str(a.requestedById), byName: nameById.get(str(a.requestedById)) || null };
  });
  return { isSnapshotting: snapshotting, items };
}

/** The user's open cases (the `[assignedToId+state]` index) with their SLA clocks. */
export async function watchMyClocks(db: CasewayDb, userId: string): Promise<{ isSnapshotting: boolean; cases: ClockedCase[] }> {
  const [snapshotting, { openStates }] = await Promise.all([isSnapshotting(db), loadCaseTypes(db)]);
  const cases = openStates.length ? await recordTable(db, 'case').where('[assignedToId+state]').anyOf(openStates.map((s) => [userId, s])).toArray() : [];
  const clocks = cases.length ? ((await recordTable(db, 'caseSla').where('caseId').anyOf(cases.map((c) => c.id)).toArray()) as unknown as CaseSla[]) : [];
  const byCase = new Map<string, Clock[]>();
  for (const clock of clocks) byCase.set(clock.caseId, [...(byCase.get(clock.caseId) ?? []), clock]);
  return { isSnapshotting: snapshotting, cases: cases.map((c) => ({ id: c.id, number: str(c.number), shortDescription: str(c.shortDescription), clocks: byCase.get(c.id) ?? [] })) };
}

/**
 * The cases whose SLA is not breached yet but comes due within `withinMs` of `now`, soonest first,
 * by the team board's reading of their clocks. The key names the breach (case and due time), so a
 * clock paused and due again later is told again.
 */
export function nearBreach(cases: readonly ClockedCase[], now: string, withinMs: number): SlaNoticeItem[] {
  const at = Date.parse(now);
  const near: SlaNoticeItem[] = [];
  for (const c of cases) {
    const { sla, dueAt } = boardSla(c.clocks, now);
    if ((sla !== 'ok' && sla !== 'at_risk') || dueAt === null) continue;
    const left = Date.parse(dueAt) - at;
    if (left > 0 && left <= withinMs) near.push({ key: `${c.id}@${dueAt}`, caseId: c.id, number: c.number, shortDescription: c.shortDescription, dueAt });
  }
  return near.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.number.localeCompare(b.number));
}

/**
 * Of the items seen now, those to tell: not told on this device before, and not `isQuiet` (what
 * the user did themselves). Every item seen is remembered, told or not; on the first run nothing
 * is told when `isFirstRunQuiet`.
 */
export function toTell<T extends { key: string }>(items: readonly T[], memory: ReturnType<typeof notifiedMemory>, options: { isFirstRunQuiet: boolean; isQuiet: (item: T) => boolean }): T[] {
  const fresh = items.filter((item) => !memory.has(item.key));
  memory.remember(fresh.map((item) => item.key));
  if (memory.isFirstRun && options.isFirstRunQuiet) return [];
  return fresh.filter((item) => !options.isQuiet(item));
}

/** The current time, moved on every `everyMs`. */
function useNow(everyMs: number): string {
  const [now, setNow] = useState(() => new Date().toISOString());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date().toISOString()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

export function useWorkNotices(db: CasewayDb, me: Approver, host: Host): { notices: WorkNotice[]; dismiss: (id: string) => void } {
  const { t, i18n } = useTranslation();
  const [notices, setNotices] = useState<WorkNotice[]>([]);
  const roles = me.roles.join(',');
  const approvals = useLiveQuery(() => watchApprovals(db, { id: me.id, roles: roles ? roles.split(',') : [] }), [db, me.id, roles]);
  const mine = useLiveQuery(() => watchMyClocks(db, me.id), [db, me.id]);
  const now = useNow(slaCheckEveryMs);
  const add = useCallback((notice: WorkNotice) => setNotices((list) => [...list, notice].slice(-5)), []);

  useEffect(() => {
    // A snapshot is still filling the cache: what it brings is learnt once it is done.
    if (!approvals || approvals.isSnapshotting) return;
    const memory = notifiedMemory(localStorage, notifiedKey('approval', me.id), memorySize);
    const told = toTell(approvals.items, memory, { isFirstRunQuiet: true, isQuiet: (a) => a.requestedById === me.id });
    const [first] = told;
    if (!first) return;
    add({ id: crypto.randomUUID(), kind: 'approval', items: told });
    if (told.length === 1) host.notify(t('keys.approvalNoticeTitle'), t('keys.approvalNoticeOne', { number: first.number, description: first.shortDescription, by: first.byName ?? t('team.someone') }));
    else host.notify(t('keys.approvalNoticesTitle', { count: told.length }), told.map((a) => a.number).join(', '));
  }, [approvals, me.id, host, t, add]);

  useEffect(() => {
    if (!mine || mine.isSnapshotting) return;
    const memory = notifiedMemory(localStorage, notifiedKey('sla', me.id), memorySize);
    const told = toTell(nearBreach(mine.cases, now, slaNoticeWindowMs), memory, { isFirstRunQuiet: false, isQuiet: () => false });
    const [first] = told;
    if (!first) return;
    add({ id: crypto.randomUUID(), kind: 'sla', items: told });
    const time = new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' }).format(new Date(first.dueAt));
    if (told.length === 1) host.notify(t('keys.slaNoticeTitle'), t('keys.slaNoticeOne', { number: first.number, description: first.shortDescription, time }));
    else host.notify(t('keys.slaNoticesTitle', { count: told.length }), told.map((c) => c.number).join(', '));
  }, [mine, now, me.id, host, t, i18n.language, add]);

  const dismiss = useCallback((id: string) => setNotices((list) => list.filter((n) => n.id !== id)), []);
  return { notices, dismiss };
}
