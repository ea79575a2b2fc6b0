/**
 * The team board's charts (recharts, loaded with the board only): backlog by state, backlog by
 * agent, and SLAs coming due hour by hour. Each chart is an image with a spoken summary, and its
 * figures are also a table one click away: the text alternative carries the same numbers.
 */
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export type ChartPoint = { label: string; value: number };
export type ChartSpec = { id: string; title: string; points: ChartPoint[]; valueLabel: string; categoryLabel: string };

function Chart({ spec }: { spec: ChartSpec }) {
  const { t } = useTranslation();
  const summary = t('team.chartSummary', { title: spec.title, items: spec.points.map((p) => `${p.label} ${p.value}`).join(', ') });
  return (
    <figure className="boardchart" aria-labelledby={`${spec.id}-title`}>
      <figcaption id={`${spec.id}-title`}>{spec.title}</figcaption>
      {/* The drawing is one image to assistive technology; its numbers are in the summary and the table. */}
      <div role="img" aria-label={summary} className="chartbox">
        <ResponsiveContainer width="100%" height={200}>
          <BarChart data={spec.points} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--line)" />
            <XAxis dataKey="label" tick={{ fill: 'var(--text)', fontSize: 12 }} interval={0} />
            <YAxis allowDecimals={false} tick={{ fill: 'var(--text)', fontSize: 12 }} width={36} />
            <Tooltip cursor={{ fill: 'var(--current)' }} />
            <Bar dataKey="value" name={spec.valueLabel} fill="var(--accent)" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <details>
        <summary>{t('team.showTable')}</summary>
        <table className="boardtable">
          <caption className="sr-only">{spec.title}</caption>
          <thead>
            <tr>
              <th scope="col">{spec.categoryLabel}</th>
              <th scope="col">{spec.valueLabel}</th>
            </tr>
          </thead>
          <tbody>
            {spec.points.map((p) => (
              <tr key={p.label}>
                <th scope="row">{p.label}</th>
                <td>{p.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

export function BoardCharts({ charts }: { charts: ChartSpec[] }) {
  return (
    <div className="boardcharts">
      {charts.map((spec) => (
        <Chart key={spec.id} spec={spec} />
      ))}
    </div>
  );
}
