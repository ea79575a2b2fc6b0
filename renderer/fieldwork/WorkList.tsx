/**
 * The technician's work by schedule: overdue, each coming day (an empty day says so), later,
 * unscheduled and done today. Each work order is a button that opens it in the detail pane.
 */
import { parseISO } from 'date-fns';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkRow } from './fieldWorkData';
import type { Schedule } from './schedule';

type Props = { schedule: Schedule<WorkRow>; today: string; selectedId: string | null; onSelect: (id: string) => void };

function useDayLabel(today: string): (date: string) => string {
  const { t, i18n } = useTranslation();
  const format = useMemo(() => new Intl.DateTimeFormat(i18n.language, { weekday: 'long', day: 'numeric', month: 'long' }), [i18n.language]);
  return (date) => {
    const label = format.format(parseISO(date));
    const offset = Math.round((parseISO(date).getTime() - parseISO(today).getTime()) / 86_400_000);
    return offset === 0 ? t('fieldwork.today', { date: label }) : offset === 1 ? t('fieldwork.tomorrow', { date: label }) : label;
  };
}

function Group({ title, rows, selectedId, onSelect, empty }: { title: string; rows: WorkRow[]; selectedId: string | null; onSelect: (id: string) => void; empty: string | null }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const time = useMemo(() => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }), [i18n.language]);
  if (rows.length === 0 && empty === null) return null;
  return (
    <section aria-labelledby={id} className="fw-group">
      <h3 id={id}>{t('fieldwork.groupTitle', { title, count: rows.length })}</h3>
      {rows.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="plain fw-rows" aria-labelledby={id}>
          {rows.map((r) => (
            <li key={r.id} className={r.id === selectedId ? 'fw-row fw-selected' : 'fw-row'}>
              <button type="button" className="link" data-work-id={r.id} aria-current={r.id === selectedId ? 'true' : undefined} onClick={() => onSelect(r.id)}>
                <strong>{r.number || t('fieldwork.notSynced')}</strong> {r.shortDescription}
              </button>
              <div className="muted">
                {t(`case.taskState_${r.state}`)}
                {r.scheduledStart ? ` · ${time.format(new Date(r.scheduledStart))}` : ''}
                {r.caseNumber ? ` · ${r.caseNumber}` : ''}
                {r.site ? ` · ${r.site}` : ''}
                {r.isPending && <span className="badge">{t('fieldwork.waiting')}</span>}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function WorkList({ schedule, today, selectedId, onSelect }: Props) {
  const { t } = useTranslation();
  const dayLabel = useDayLabel(today);
  const common = { selectedId, onSelect };
  return (
    <nav aria-label={t('fieldwork.myWork')} className="fw-list">
      <Group title={t('fieldwork.overdue')} rows={schedule.overdue} empty={null} {...common} />
      {schedule.days.map((d) => (
        <Group key={d.date} title={dayLabel(d.date)} rows={d.items} empty={t('fieldwork.nothingScheduled')} {...common} />
      ))}
      <Group title={t('fieldwork.later')} rows={schedule.later} empty={null} {...common} />
      <Group title={t('fieldwork.unscheduled')} rows={schedule.unscheduled} empty={null} {...common} />
      <Group title={t('fieldwork.doneToday')} rows={schedule.doneToday} empty={null} {...common} />
    </nav>
  );
}
