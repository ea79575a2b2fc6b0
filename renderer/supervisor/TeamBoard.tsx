/**
 * The team board (supervisors, administrators): for one of the supervisor's groups (those they
 * manage first), every open case by agent, each agent's availability, skills and load, the
 * unassigned cases, SLA risk and breaches, aging, and charts; cases are reassigned by drag and drop
 * or the Reassign… dialog, one guarded `case.assign` per case, and each bulk action gets an
 * outcome report. Everything is read from the local cache, so the board works offline.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../shared/domain/organisation';
import { useRegisterCommands } from '../app/commands';
import { useUi, type RecordTab } from '../app/uiStore';
import type { SyncSession } from '../app/syncClient';
import { emptyFilter, filterRows, slaFilters, sortRows, defaultSort, type SlaFilter } from '../cases/queueModel';
import type { CasewayDb } from '../db/database';
import { AgentsPanel } from './AgentsPanel';
import { BoardCases } from './BoardCases';
import { BoardInsights } from './BoardInsights';
import { OutcomeReports } from './OutcomeReports';
import { ReassignDialog } from './ReassignDialog';
import { useBatchLog } from './batchLog';
import { loadBoard, loadOutcomes } from './boardData';
import { batchReports, type Target } from './boardModel';
import { queueReassignment } from './reassign';

type Props = { db: CasewayDb; user: User; mutate: SyncSession['mutate']; mutateMany: SyncSession['mutateMany']; onOpen: (tab: RecordTab) => void };

/** The time SLAs and ages are judged against, moved on every minute. */
function useMinuteNow(): string {
  const [now, setNow] = useState(() => new Date().toISOString());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date().toISOString()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function TeamBoard({ db, user, mutate, mutateMany, onOpen }: Props) {
  const { t } = useTranslation();
  const now = useMinuteNow();
  const [wantedGroup, setWantedGroup] = useState<string | null>(null);
  const data = useLiveQuery(async () => loadBoard(db, user.id, wantedGroup, now), [db, user.id, wantedGroup, now]);
  const outcomes = useLiveQuery(async () => loadOutcomes(db), [db]);
  const { batches, load, save, hide } = useBatchLog();
  useEffect(() => load(user.id), [load, user.id]);
  const [text, setText] = useState('');
  const [assignee, setAssignee] = useState('any');
  const [sla, setSla] = useState<SlaFilter>('any');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [isDialogOpen, setDialogOpen] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const dragged = useRef<string[]>([]);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const isShown = useUi((s) => s.view === 'team' && s.activeTab === null);

  const rows = useMemo(() => data?.rows ?? [], [data]);
  const shown = useMemo(() => sortRows(filterRows(rows, { ...emptyFilter, text, assignee, sla }, now), defaultSort), [rows, text, assignee, sla, now]);
  // Only cases still on the board count as selected (one resolved meanwhile drops out).
  const chosen = useMemo(() => rows.filter((r) => selected.has(r.id)), [rows, selected]);
  const reports = useMemo(() => (outcomes ? batchReports(batches, outcomes.pendingMutationIds, outcomes.issues) : []), [batches, outcomes]);

  const openDialog = (): void => {
    if (chosen.length === 0) setAnnouncement(t('team.nothingSelected'));
    else setDialogOpen(true);
  };
  useRegisterCommands('teamBoard', isShown ? [{ id: 'reassign', label: t('team.reassignCommand'), shortcut: { mod: 'alt', code: 'KeyR', shift: true }, run: openDialog }] : []);

  const reassign = async (ids: readonly string[], target: Target, reason: string | null): Promise<void> => {
    const byId = new Map(rows.map((r) => [r.id, r]));
    const cases = ids.map((id) => byId.get(id)).filter((r) => r !== undefined);
    if (cases.length === 0) return;
    const { batch, error } = await queueReassignment(mutateMany, cases, target, reason, crypto.randomUUID(), new Date().toISOString());
    const count = Object.keys(batch.cases).length;
    if (count > 0) save(batch);
    setSelected(new Set());
    setAnnouncement(error ? t('team.notQueued', { message: error instanceof Error ? error.message : String(error) }) : t('team.queued', { count }));
  };

  if (!data) return <p aria-live="polite">{t('team.loading')}</p>;
  const group = data.groups.find((g) => g.id === data.groupId);
  const groupCounts = new Map<string, number>();
  for (const r of rows) if (r.assignedToId) groupCounts.set(r.assignedToId, (groupCounts.get(r.assignedToId) ?? 0) + 1);
  const names = new Map([...data.userNames, ...data.groups.map((g) => [g.id, g.name] as const)]);

  return (
    <section aria-labelledby="team-title" className="panel teamboard">
      <h2 id="team-title" tabIndex={-1} ref={headingRef}>
        {t('team.title')}
      </h2>
      <p role="status" className="sr-only">
        {announcement}
      </p>
      {data.groups.length === 0 || !group ? (
        <p>{t('team.noGroups')}</p>
      ) : (
        <>
          <div className="filters">
            <label>
              {t('team.group')}
              <select value={group.id} onChange={(e) => (setWantedGroup(e.target.value), setSelected(new Set()), setAssignee('any'))}>
                {data.groups.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.isManaged ? t('team.managed', { name: g.name }) : g.name}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <BoardInsights rows={rows} agents={data.agents} now={now} onOpenCase={(id) => onOpen({ kind: 'case', id })} />
          <div className="boardgrid">
            <AgentsPanel agents={data.agents} groupCounts={groupCounts} groups={data.groups} groupId={group.id} onDrop={(target) => void reassign(dragged.current, target, null)} />
            <OutcomeReports
              db={db}
              reports={reports}
              batches={batches}
              outcomes={outcomes ?? { pendingMutationIds: new Set(), waitingByBatch: new Map(), issues: [], cases: new Map() }}
              names={names}
              mutate={mutate}
              onSaved={save}
              onHide={hide}
              onOpenCase={(id) => onOpen({ kind: 'case', id })}
              announce={setAnnouncement}
            />
          </div>
          <section aria-labelledby="team-cases" className="card">
            <h3 id="team-cases">
              {t('team.caseList', { group: group.name })} <span className="count">({shown.length})</span>
            </h3>
            <div className="filters">
              <label>
                {t('team.filterText')}
                <input type="search" value={text} onChange={(e) => setText(e.target.value)} />
              </label>
              <label>
                {t('team.assignee')}
                <select value={assignee} onChange={(e) => setAssignee(e.target.value)}>
                  <option value="any">{t('team.anyone')}</option>
                  <option value="unassigned">{t('team.unassigned')}</option>
                  {data.agents.map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.name}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('team.sla')}
                <select value={sla} onChange={(e) => setSla(slaFilters.find((f) => f === e.target.value) ?? 'any')}>
                  <option value="any">{t('team.slaAny')}</option>
                  <option value="at_risk">{t('queue.slaAtRisk')}</option>
                  <option value="breached">{t('queue.slaBreached')}</option>
                </select>
              </label>
            </div>
            <div className="actions" role="group" aria-label={t('team.selectedCount', { count: chosen.length })}>
              <button type="button" className="secondary" onClick={() => setSelected(new Set(shown.map((r) => r.id)))}>
                {t('team.selectAll')}
              </button>
              <button type="button" className="secondary" onClick={() => setSelected(new Set(shown.filter((r) => r.assignedToId === null).map((r) => r.id)))}>
                {t('team.selectUnassigned')}
              </button>
              <button type="button" className="secondary" onClick={() => setSelected(new Set())} disabled={chosen.length === 0}>
                {t('team.clearSelection')}
              </button>
              <button type="button" onClick={openDialog} disabled={chosen.length === 0}>
                {t('team.reassignButton')}
              </button>
              <span aria-live="polite" data-testid="selected-count">
                {t('team.selectedCount', { count: chosen.length })}
              </span>
            </div>
            <BoardCases rows={shown} pending={data.pendingCaseIds} selected={selected} onSelect={setSelected} onDragCases={(ids) => (dragged.current = ids)} onOpen={(id) => onOpen({ kind: 'case', id })} />
          </section>
          <ReassignDialog
            isOpen={isDialogOpen}
            cases={chosen}
            agents={data.agents}
            groups={data.groups}
            groupId={group.id}
            skillsByType={data.skillsByType}
            skillNames={data.skillNames}
            onConfirm={(target, reason) => {
              setDialogOpen(false);
              void reassign(
                chosen.map((r) => r.id),
                target,
                reason,
              );
            }}
            onClose={() => setDialogOpen(false)}
          />
        </>
      )}
    </section>
  );
}
