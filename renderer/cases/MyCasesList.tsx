/**
 * The signed-in user's cases, read live from the local cache (never waits on the network). The
 * table is virtualised, so thousands of rows cost only the few on screen, and a filter narrows it
 * by number or description as the agent types.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useLiveQuery } from 'dexie-react-hooks';
import { useDeferredValue, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Case } from '../../shared/domain/case';
import { recordTable, type CasewayDb } from '../db/database';

const rowHeight = 37;

export function MyCasesList({ db, userId, onOpen }: { db: CasewayDb; userId: string; onOpen: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState('');
  const query = useDeferredValue(filter.trim().toLowerCase());
  const cases = useLiveQuery(async () => {
    const mine = (await recordTable(db, 'case').where('assignedToId').equals(userId).toArray()) as unknown as Case[];
    return mine.sort((a, b) => Number(a.closedAt !== null) - Number(b.closedAt !== null) || a.priority - b.priority || b.openedAt.localeCompare(a.openedAt));
  }, [db, userId]);
  const shown = useMemo(() => (!cases || !query ? (cases ?? []) : cases.filter((c) => c.number.toLowerCase().includes(query) || c.shortDescription.toLowerCase().includes(query))), [cases, query]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: shown.length, getScrollElement: () => scroller.current, estimateSize: () => rowHeight, overscan: 12 });
  const date = useMemo(() => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' }), [i18n.language]);

  if (!cases) return <p aria-live="polite">{t('myCases.loading')}</p>;
  const rows = virtualizer.getVirtualItems();
  const padTop = rows[0]?.start ?? 0;
  const padBottom = virtualizer.getTotalSize() - (rows.at(-1)?.end ?? 0);
  return (
    <section aria-labelledby="my-cases-title">
      <h2 id="my-cases-title">
        {t('myCases.title')} <span className="count">({cases.length})</span>
      </h2>
      {cases.length === 0 ? (
        <p>{t('myCases.none')}</p>
      ) : (
        <>
          <div className="listtools">
            <label htmlFor="my-cases-filter">{t('myCases.filter')}</label>
            <input id="my-cases-filter" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
            <span className="muted" aria-live="polite">
              {query ? t('myCases.shown', { shown: shown.length, total: cases.length }) : ''}
            </span>
          </div>
          <div ref={scroller} className="scroller">
            <table className="cases" aria-rowcount={shown.length + 1}>
              <thead>
                <tr aria-rowindex={1}>
                  <th scope="col">{t('myCases.number')}</th>
                  <th scope="col">{t('myCases.shortDescription')}</th>
                  <th scope="col">{t('myCases.state')}</th>
                  <th scope="col">{t('myCases.priority')}</th>
                  <th scope="col">{t('myCases.opened')}</th>
                </tr>
              </thead>
              <tbody>
                {padTop > 0 && (
                  <tr aria-hidden="true" style={{ height: padTop }}>
                    <td colSpan={5} />
                  </tr>
                )}
                {rows.map((row) => {
                  const c = shown[row.index];
                  if (!c) return null;
                  return (
                    <tr key={c.id} aria-rowindex={row.index + 2} style={{ height: rowHeight }}>
                      <td>
                        <button type="button" className="link" onClick={() => onOpen(c.id)}>
                          {c.number || t('myCases.notSynced')}
                        </button>
                      </td>
                      <td>{c.shortDescription}</td>
                      <td>{c.state.replace(/_/g, ' ')}</td>
                      <td>{c.priority >= 1 && c.priority <= 4 ? t(`priority.p${c.priority as 1 | 2 | 3 | 4}`) : c.priority}</td>
                      <td>
                        <time dateTime={c.openedAt}>{date.format(new Date(c.openedAt))}</time>
                      </td>
                    </tr>
                  );
                })}
                {padBottom > 0 && (
                  <tr aria-hidden="true" style={{ height: padBottom }}>
                    <td colSpan={5} />
                  </tr>
                )}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
