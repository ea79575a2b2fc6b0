/**
 * The board's overview of a group: counts at a glance, the charts (backlog by state and by agent,
 * SLAs coming due hour by hour), aging bands, and the cases at risk of breaching their SLA or
 * breached already, soonest first. Pure figures from boardModel over the rows read from the cache.
 */
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { countByState, sortRows } from '../cases/queueModel';
import { backlogByAgent, countAgeBands, dueByHour } from './boardModel';
import type { BoardAgent, BoardRow } from './boardData';
import type { ChartSpec } from './BoardCharts';

/** Loaded with the board only: recharts stays out of the first screen's bundle. */
const BoardCharts = lazy(async () => ({ default: (await import('./BoardCharts')).BoardCharts }));

const dueHours = 8;
const listed = 10;

type Props = { rows: readonly BoardRow[]; agents: readonly BoardAgent[]; now: string; onOpenCase: (id: string) => void };

function RiskList({ title, rows, empty, onOpenCase }: { title: string; rows: readonly BoardRow[]; empty: string; onOpenCase: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <div>
      <h4>
        {title} <span className="count">({rows.length})</span>
      </h4>
      {rows.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="plain" aria-label={title}>
          {rows.slice(0, listed).map((r) => (
            <li key={r.id}>
              <button type="button" className="link" onClick={() => onOpenCase(r.id)}>
                {r.number || '—'}
              </button>{' '}
              {r.shortDescription} · {r.assigneeName || t('team.unassigned')}
              {r.slaDueAt && <span className={`sla-${r.sla}`}> · {t('team.dueAt', { time: time.format(new Date(r.slaDueAt)) })}</span>}
            </li>
          ))}
          {rows.length > listed && <li className="muted">{t('team.andMore', { count: rows.length - listed })}</li>}
        </ul>
      )}
    </div>
  );
}

export function BoardInsights({ rows, agents, now, onOpenCase }: Props) {
  const { t, i18n } = useTranslation();
  const hour = new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' });
  const atRisk = useMemo(() => sortRows(rows.filter((r) => r.sla === 'at_risk'), { key: 'sla', direction: 'asc' }), [rows]);
  const breached = useMemo(() => sortRows(rows.filter((r) => r.sla === 'breached'), { key: 'sla', direction: 'asc' }), [rows]);
  const unassigned = rows.filter((r) => r.assignedToId === null).length;
  const charts: ChartSpec[] = [
    { id: 'chart-state', title: t('team.byState'), categoryLabel: t('team.state'), valueLabel: t('team.cases'), points: countByState(rows).map((s) => ({ label: s.label, value: s.count })) },
    { id: 'chart-agent', title: t('team.byAgent'), categoryLabel: t('team.agent'), valueLabel: t('team.cases'), points: backlogByAgent(rows, agents, t('team.unassigned')).map((a) => ({ label: a.name, value: a.count })) },
    {
      id: 'chart-due',
      title: t('team.dueSoon', { hours: dueHours }),
      categoryLabel: t('team.hour'),
      valueLabel: t('team.cases'),
      points: dueByHour(rows, now, dueHours).map((b) => ({ label: t('team.hourLabel', { time: hour.format(new Date(b.from)) }), value: b.count })),
    },
  ];
  const ages = countAgeBands(rows, now);
  return (
    <>
      <section aria-labelledby="team-summary" className="card">
        <h3 id="team-summary">{t('team.summary')}</h3>
        <dl className="boardstats">
          <div>
            <dt>{t('team.openCases')}</dt>
            <dd data-testid="stat-open">{rows.length}</dd>
          </div>
          <div>
            <dt>{t('team.unassigned')}</dt>
            <dd data-testid="stat-unassigned">{unassigned}</dd>
          </div>
          <div>
            <dt>{t('team.atRisk')}</dt>
            <dd data-testid="stat-at-risk">{atRisk.length}</dd>
          </div>
          <div>
            <dt>{t('team.breached')}</dt>
            <dd data-testid="stat-breached">{breached.length}</dd>
          </div>
        </dl>
      </section>
      <section aria-labelledby="team-charts" className="card">
        <h3 id="team-charts">{t('team.charts')}</h3>
        <Suspense fallback={<p className="muted">{t('team.loading')}</p>}>
          <BoardCharts charts={charts} />
        </Suspense>
      </section>
      <div className="boardgrid">
        <section aria-labelledby="team-aging" className="card">
          <h3 id="team-aging">{t('team.aging')}</h3>
          <table className="boardtable">
            <thead>
              <tr>
                <th scope="col">{t('team.band')}</th>
                <th scope="col">{t('team.cases')}</th>
              </tr>
            </thead>
            <tbody>
              {ages.map((a) => (
                <tr key={a.band}>
                  <th scope="row">{t(`team.band_${a.band}`)}</th>
                  <td>{a.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section aria-labelledby="team-risk" className="card">
          <h3 id="team-risk">{t('team.risk')}</h3>
          <RiskList title={t('team.atRisk')} rows={atRisk} empty={t('team.noneAtRisk')} onOpenCase={onOpenCase} />
          <RiskList title={t('team.breached')} rows={breached} empty={t('team.noneBreached')} onOpenCase={onOpenCase} />
        </section>
      </div>
    </>
  );
}
