/**
 * A case queue read from the local cache (never waits on the network): the signed-in user's own
 * cases, or every case of the user's groups (unassigned ones by default). Filters, sort, counts
 * per state and saved filters work on the rows in memory; the table is virtualised, so 100,000
 * rows cost only the few on screen. It reloads when the cache changes, at most a few times a
 * second, however fast the sync worker writes.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Case } from '../../shared/domain/case';
import { caseTypeDef } from '../../shared/domain/caseType';
import type { CaseSla } from '../../shared/domain/sla';
import { useUi } from '../app/uiStore';
import { recordTable, type CasewayDb } from '../db/database';
import { useTableVersion } from '../db/useTableVersion';
import { ageBands, countByState, defaultSort, emptyFilter, filterExceptState, parseSavedFilters, slaFilters, sortRows, toRow, type Lookups, type QueueFilter, type QueueRow, type QueueSort, type SavedFilter, type SlaState, type SortKey } from './queueModel';

export type QueueScope = 'mine' | 'groups';

const rowHeight = 37;
const slaSlice = 1000;
const watched = ['case', 'caseSla', 'caseType', 'group', 'groupMember', 'user'] as const;

type Loaded = {
  rows: QueueRow[];
  groups: { id: string; name: string }[];
  caseTypes: { id: string; name: string; states: { key: string; label: string }[] }[];
  users: { id: string; name: string }[];
  /** False while the SLA clocks are still being read (the rows show and open before them). */
  hasSla: boolean;
  /** Only the open cases so far; the rest is being read. */
  isPartial?: boolean;
};

type Base = { cases: Case[]; lookups: Lookups; loaded: Omit<Loaded, 'rows' | 'hasSla'> };

/** The cases of the queue and the small tables that name things: enough to show and open rows. */
async function loadCases(db: CasewayDb, userId: string, scope: QueueScope, isOpenOnly = false): Promise<Base> {
  const memberships = (await recordTable(db, 'groupMember').where('userId').equals(userId).toArray()) as unknown as { groupId: string }[];
  const myGroupIds = [...new Set(memberships.map((m) => m.groupId))];
  const [types, groups, users] = await Promise.all([recordTable(db, 'caseType').toArray(), recordTable(db, 'group').toArray(), recordTable(db, 'user').toArray()]);
  // The agent's open cases alone, through the [assignedToId+state] index: what the first screen shows.
  const openStates = [...new Set(types.flatMap((t) => {
    const lifecycle = caseTypeDef.fields.lifecycle.safeParse(t.lifecycle);
    return lifecycle.success ? lifecycle.data.states.filter((st) => st.category === 'new' || st.category === 'active' || st.category === 'waiting').map((st) => st.key) : [];
  }))];
  const table = recordTable(db, 'case');
  const cases = (
    scope === 'mine'
      ? isOpenOnly
        ? await table.where('[assignedToId+state]').anyOf(openStates.map((state) => [userId, state])).toArray()
        : await table.where('assignedToId').equals(userId).toArray()
      : myGroupIds.length
        ? await table.where('assignmentGroupId').anyOf(myGroupIds).toArray()
        : []
  ) as unknown as Case[];
  const caseTypes = new Map(
    types.map((t) => {
      const lifecycle = caseTypeDef.fields.lifecycle.safeParse(t.lifecycle);
      const states = new Map(lifecycle.success ? lifecycle.data.states.map((s) => [s.key, { label: s.label, category: s.category }] as const) : []);
      return [t.id, { name: String(t.name), states }] as const;
    }),
  );
  const lookups: Lookups = { caseTypes, groups: new Map(groups.map((g) => [g.id, String(g.name)])), users: new Map(users.map((u) => [u.id, String(u.displayName)])), slas: new Map() };
  const groupChoices = scope === 'groups' ? myGroupIds.map((id) => ({ id, name: lookups.groups.get(id) ?? '' })) : [...new Set(cases.map((c) => c.assignmentGroupId).filter((g): g is string => g !== null))].map((id) => ({ id, name: lookups.groups.get(id) ?? '' }));
  const members = new Set((await recordTable(db, 'groupMember').where('groupId').anyOf(myGroupIds).toArray()).map((m) => String(m.userId)));
  return {
    cases,
    lookups,
    loaded: {
      groups: groupChoices.sort((a, b) => a.name.localeCompare(b.name)),
      caseTypes: [...caseTypes.entries()].map(([id, t]) => ({ id, name: t.name, states: [...t.states.entries()].map(([key, st]) => ({ key, label: st.label })) })).sort((a, b) => a.name.localeCompare(b.name)),
      users: [...members].filter((id) => id !== userId).map((id) => ({ id, name: lookups.users.get(id) ?? '' })).sort((a, b) => a.name.localeCompare(b.name)),
    },
  };
}

/**
 * The SLA clocks of the queue's cases, by case id, read a slice of cases at a time: each slice is
 * a short transaction of its own, so a case opened meanwhile does not wait for all of them.
 */
async function loadSlas(db: CasewayDb, cases: readonly Case[]): Promise<Map<string, CaseSla[]>> {
  const slas = new Map<string, CaseSla[]>();
  const ids = cases.map((c) => c.id);
  for (let from = 0; from < ids.length; from += slaSlice) {
    const records = (await recordTable(db, 'caseSla').where('caseId').anyOf(ids.slice(from, from + slaSlice)).toArray()) as unknown as CaseSla[];
    for (const s of records) slas.set(s.caseId, [...(slas.get(s.caseId) ?? []), s]);
  }
  return slas;
}

function savedKey(userId: string, scope: QueueScope): string {
  return `caseway.savedFilters.${userId}.${scope}`;
}

export function CaseQueue({ db, userId, scope, isShown = true, onOpen }: { db: CasewayDb; userId: string; scope: QueueScope; isShown?: boolean; onOpen: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const version = useTableVersion(db, watched);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [filter, setFilter] = useState<QueueFilter>(() => (scope === 'groups' ? { ...emptyFilter, assignee: 'unassigned' } : emptyFilter));
  const [sort, setSort] = useState<QueueSort>(defaultSort);
  const [saved, setSaved] = useState<SavedFilter[]>(() => parseSavedFilters(localStorage.getItem(savedKey(userId, scope))));
  const [savedName, setSavedName] = useState('');
  const [chosenSaved, setChosenSaved] = useState('');
  const [announcement, setAnnouncement] = useState('');
  const text = useDeferredValue(filter.text);
  const setShownIds = useUi((s) => s.setListOrder);
  const previousSlas = useRef<ReadonlyMap<string, CaseSla[]>>(new Map());
  const hasShown = useRef(false);

  // Rows first (they show and open at once), their SLA clocks a moment later. While a record is
  // shown over the queue, changes only mark it stale: it reads again when it shows again.
  const loadedVersion = useRef(-1);
  useEffect(() => {
    if (loadedVersion.current === version || (!isShown && loadedVersion.current >= 0)) return;
    loadedVersion.current = version;
    let isCurrent = true;
    let isFinished = false;
    const isFirst = scope === 'mine' && !hasShown.current;
    void (async () => {
      if (isFirst) {
        // First show: the open cases (the top of the list, sorted open first) before all of them.
        const open = await loadCases(db, userId, scope, true);
        if (!isCurrent) return;
        performance.mark('caseway:queue-open');
        hasShown.current = true;
        const at = new Date().toISOString();
        setLoaded((previous) => previous ?? { ...open.loaded, rows: open.cases.map((c) => toRow(c, open.lookups, at)), hasSla: false, isPartial: true });
      }
      const base = await loadCases(db, userId, scope);
      if (!isCurrent) return;
      performance.mark('caseway:queue-read');
      hasShown.current = true;
      const first = new Date().toISOString();
      setLoaded((previous) => ({ ...base.loaded, rows: base.cases.map((c) => toRow(c, { ...base.lookups, slas: previous?.hasSla ? previousSlas.current : base.lookups.slas }, first)), hasSla: previous?.hasSla ?? false }));
      const slas = await loadSlas(db, base.cases);
      if (!isCurrent) return;
      performance.mark('caseway:queue-sla');
      previousSlas.current = slas;
      const now = new Date().toISOString();
      setLoaded({ ...base.loaded, rows: base.cases.map((c) => toRow(c, { ...base.lookups, slas }, now)), hasSla: true });
      isFinished = true;
    })();
    return () => {
      isCurrent = false;
      // Interrupted before it finished: the next run reads again.
      if (!isFinished) loadedVersion.current = -2;
    };
  }, [db, userId, scope, version, isShown]);

  // The time the rows were judged against (age, SLA) moves with each reload.
  const now = useMemo(() => (loaded ? new Date().toISOString() : ''), [loaded]);
  const beforeState = useMemo(() => (loaded ? filterExceptState(loaded.rows, { ...filter, text }, now) : []), [loaded, filter, text, now]);
  const counts = useMemo(() => {
    const found = countByState(beforeState);
    // The state filtered on keeps its chip (at 0) so it can be released.
    if (filter.state === null || found.some((c) => c.state === filter.state)) return found;
    const label = loaded?.caseTypes.flatMap((ct) => ct.states).find((st) => st.key === filter.state)?.label ?? filter.state;
    return [...found, { state: filter.state, label, category: 'active' as const, count: 0 }];
  }, [beforeState, filter.state, loaded]);
  const shown = useMemo(() => sortRows(filter.state === null ? beforeState : beforeState.filter((r) => r.state === filter.state), sort), [beforeState, filter.state, sort]);
  useEffect(() => setShownIds(shown.map((r) => r.id)), [shown, setShownIds]);

  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: shown.length, getScrollElement: () => scroller.current, estimateSize: () => rowHeight, overscan: 12 });
  const date = useMemo(() => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' }), [i18n.language]);

  const title = scope === 'mine' ? t('queue.mine') : t('queue.groups');
  if (!loaded) return <p aria-live="polite">{t('queue.loading')}</p>;

  const set = (patch: Partial<QueueFilter>): void => setFilter((f) => ({ ...f, ...patch }));
  const persist = (next: SavedFilter[]): void => {
    setSaved(next);
    localStorage.setItem(savedKey(userId, scope), JSON.stringify(next));
  };
  const saveCurrent = (): void => {
    const name = savedName.trim();
    if (!name) return;
    persist([...saved.filter((s) => s.name !== name), { name, filter, sort }]);
    setChosenSaved(name);
    setSavedName('');
    setAnnouncement(t('queue.savedDone', { name }));
  };
  const chooseSaved = (name: string): void => {
    setChosenSaved(name);
    const found = saved.find((s) => s.name === name);
    if (found) {
      setFilter(found.filter);
      setSort(found.sort);
    }
  };

  const slaLabel: Record<SlaState, string> = { breached: t('queue.slaBreached'), at_risk: t('queue.slaAtRisk'), ok: t('queue.slaOk'), done: t('queue.slaDone'), none: t('queue.slaNone') };
  const columns: { key: SortKey; label: string }[] = [
    { key: 'number', label: t('queue.number') },
    { key: 'shortDescription', label: t('queue.shortDescription') },
    { key: 'state', label: t('queue.state') },
    { key: 'priority', label: t('queue.priority') },
    { key: 'caseType', label: t('queue.caseType') },
    { key: 'group', label: t('queue.group') },
    { key: 'assignee', label: t('queue.assignee') },
    { key: 'age', label: t('queue.opened') },
    { key: 'sla', label: t('queue.sla') },
  ];
  const toggleSort = (key: SortKey): void => setSort((s) => (s.key === key ? { key, direction: s.direction === 'asc' ? 'desc' : 'asc' } : { key, direction: 'asc' }));

  // Arrow keys move between the rows' buttons, scrolling the virtual list as they go.
  const onRowKey = (event: KeyboardEvent<HTMLButtonElement>, index: number): void => {
    const target = event.key === 'ArrowDown' ? index + 1 : event.key === 'ArrowUp' ? index - 1 : event.key === 'Home' ? 0 : event.key === 'End' ? shown.length - 1 : null;
    if (target === null || target < 0 || target >= shown.length) return;
    event.preventDefault();
    virtualizer.scrollToIndex(target);
    requestAnimationFrame(() => scroller.current?.querySelector<HTMLButtonElement>(`[data-row-index="${target}"]`)?.focus());
  };

  const rows = virtualizer.getVirtualItems();
  const padTop = rows[0]?.start ?? 0;
  const padBottom = virtualizer.getTotalSize() - (rows.at(-1)?.end ?? 0);
  const idBase = `queue-${scope}`;
  const isFiltered = JSON.stringify(filter) !== JSON.stringify(scope === 'groups' ? { ...emptyFilter, assignee: 'unassigned' } : emptyFilter);

  return (
    <section aria-labelledby={`${idBase}-title`} className="queue" aria-busy={loaded.isPartial === true || !loaded.hasSla}>
      <h2 id={`${idBase}-title`}>
        {title} <span className="count">({loaded.rows.length})</span>
      </h2>
      {loaded.isPartial && (
        <p className="muted" aria-live="polite">
          {t('queue.loadingRest')}
        </p>
      )}
      {loaded.rows.length === 0 ? (
        <p>{scope === 'mine' ? t('queue.noneMine') : loaded.groups.length ? t('queue.noneGroups') : t('queue.noGroups')}</p>
      ) : (
        <>
          <div role="group" aria-label={t('queue.counts')} className="statecounts">
            {counts.map((c) => (
              <button key={c.state} type="button" className="chip" aria-pressed={filter.state === c.state} onClick={() => set({ state: filter.state === c.state ? null : c.state })}>
                {t('queue.countButton', { label: c.label, count: c.count })}
              </button>
            ))}
          </div>
          <div role="group" aria-label={t('queue.filters')} className="filters">
            <label>
              {t('queue.filter')}
              <input type="search" value={filter.text} onChange={(e) => set({ text: e.target.value })} />
            </label>
            <label>
              {t('queue.state')}
              <select value={filter.state ?? ''} onChange={(e) => set({ state: e.target.value || null })}>
                <option value="">{t('queue.anyState')}</option>
                {[...new Map(loaded.caseTypes.flatMap((ct) => ct.states.map((s) => [s.key, s.label] as const))).entries()].map(([key, label]) => (
                  <option key={key} value={key}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('queue.priority')}
              <select value={filter.priority ?? ''} onChange={(e) => set({ priority: e.target.value ? Number(e.target.value) : null })}>
                <option value="">{t('queue.anyPriority')}</option>
                {([1, 2, 3, 4] as const).map((p) => (
                  <option key={p} value={p}>
                    {t(`priority.p${p}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('queue.caseType')}
              <select value={filter.caseTypeId ?? ''} onChange={(e) => set({ caseTypeId: e.target.value || null })}>
                <option value="">{t('queue.anyType')}</option>
                {loaded.caseTypes.map((ct) => (
                  <option key={ct.id} value={ct.id}>
                    {ct.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('queue.group')}
              <select value={filter.groupId ?? ''} onChange={(e) => set({ groupId: e.target.value || null })}>
                <option value="">{t('queue.anyGroup')}</option>
                {loaded.groups.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.name}
                  </option>
                ))}
              </select>
            </label>
            {scope === 'groups' && (
              <label>
                {t('queue.assignee')}
                <select value={filter.assignee} onChange={(e) => set({ assignee: e.target.value })}>
                  <option value="any">{t('queue.anyone')}</option>
                  <option value="unassigned">{t('queue.unassigned')}</option>
                  <option value={userId}>{t('queue.me')}</option>
                  {loaded.users.map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.name}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label>
              {t('queue.age')}
              <select value={filter.age} onChange={(e) => set({ age: ageBands.find((a) => a === e.target.value) ?? 'any' })}>
                {ageBands.map((a) => (
                  <option key={a} value={a}>
                    {a === 'any' ? t('queue.anyAge') : t(`queue.${a}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('queue.slaFilter')}
              <select value={filter.sla} onChange={(e) => set({ sla: slaFilters.find((s) => s === e.target.value) ?? 'any' })}>
                {slaFilters.map((s) => (
                  <option key={s} value={s}>
                    {s === 'any' ? t('queue.anySla') : slaLabel[s]}
                  </option>
                ))}
              </select>
            </label>
            <label className="check">
              <input type="checkbox" checked={filter.isOpenOnly} onChange={(e) => set({ isOpenOnly: e.target.checked })} />
              {t('queue.openOnly')}
            </label>
            {isFiltered && (
              <button type="button" onClick={() => setFilter(scope === 'groups' ? { ...emptyFilter, assignee: 'unassigned' } : emptyFilter)}>
                {t('queue.clear')}
              </button>
            )}
          </div>
          <div className="savedfilters">
            <label>
              {t('queue.saved')}
              <select value={chosenSaved} onChange={(e) => chooseSaved(e.target.value)}>
                <option value="">{t('queue.noSaved')}</option>
                {saved.map((s) => (
                  <option key={s.name} value={s.name}>
                    {s.name}
                  </option>
                ))}
              </select>
            </label>
            {chosenSaved && (
              <button
                type="button"
                onClick={() => {
                  persist(saved.filter((s) => s.name !== chosenSaved));
                  setChosenSaved('');
                }}
              >
                {t('queue.deleteSaved')}
              </button>
            )}
            <label>
              {t('queue.saveAs')}
              <input value={savedName} maxLength={60} onChange={(e) => setSavedName(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && saveCurrent()} />
            </label>
            <button type="button" onClick={saveCurrent} disabled={!savedName.trim()}>
              {t('queue.save')}
            </button>
            <span className="muted" aria-live="polite">
              {announcement}
            </span>
          </div>
          <p className="muted" aria-live="polite">
            {shown.length !== loaded.rows.length ? t('queue.shown', { shown: shown.length, total: loaded.rows.length }) : ''}
          </p>
          <div ref={scroller} className="scroller">
            <table className="cases" aria-rowcount={shown.length + 1} aria-describedby={`${idBase}-hint`}>
              <thead>
                <tr aria-rowindex={1}>
                  {columns.map((col) => (
                    <th key={col.key} scope="col" aria-sort={sort.key === col.key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}>
                      <button type="button" className="sort" aria-label={t('queue.sortBy', { column: col.label })} onClick={() => toggleSort(col.key)}>
                        {col.label}
                        <span aria-hidden="true">{sort.key === col.key ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                      </button>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {padTop > 0 && (
                  <tr aria-hidden="true" style={{ height: padTop }}>
                    <td colSpan={columns.length} />
                  </tr>
                )}
                {rows.map((vrow) => {
                  const r = shown[vrow.index];
                  if (!r) return null;
                  return (
                    <tr key={r.id} aria-rowindex={vrow.index + 2} style={{ height: rowHeight }}>
                      <td>
                        <button type="button" className="link" data-row-index={vrow.index} onClick={() => onOpen(r.id)} onKeyDown={(e) => onRowKey(e, vrow.index)}>
                          {r.number || t('queue.notSynced')}
                        </button>
                      </td>
                      <td>{r.shortDescription}</td>
                      <td>{r.stateLabel}</td>
                      <td>{r.priority >= 1 && r.priority <= 4 ? t(`priority.p${r.priority as 1 | 2 | 3 | 4}`) : r.priority}</td>
                      <td>{r.caseTypeName}</td>
                      <td>{r.groupName}</td>
                      <td>{r.assigneeName}</td>
                      <td>
                        <time dateTime={r.openedAt}>{date.format(new Date(r.openedAt))}</time>
                      </td>
                      <td className={`sla sla-${r.sla}`} aria-busy={loaded.hasSla ? undefined : true}>
                        {loaded.hasSla ? slaLabel[r.sla] : '…'}
                        {r.slaDueAt && (r.sla === 'at_risk' || r.sla === 'ok') ? <span className="muted"> · {t('queue.due', { time: date.format(new Date(r.slaDueAt)) })}</span> : null}
                      </td>
                    </tr>
                  );
                })}
                {padBottom > 0 && (
                  <tr aria-hidden="true" style={{ height: padBottom }}>
                    <td colSpan={columns.length} />
                  </tr>
                )}
              </tbody>
            </table>
          </div>
          <p id={`${idBase}-hint`} className="muted hint">
            {t('queue.rowsHint')}
          </p>
        </>
      )}
    </section>
  );
}
