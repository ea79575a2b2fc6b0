/**
 * The case's SLA clocks as live timers: time left while a clock runs, how long ago it was breached,
 * paused or met. It re-renders every 30 seconds; the clocks themselves are kept by the store.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { slaStatus, type CaseSla } from '../../shared/domain/sla';

/** "2 h 05 min", "3 d 4 h", "12 min": short enough for a header, the same in every locale. */
export function formatSpan(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${String(mins).padStart(2, '0')} min`;
  return `${mins} min`;
}

export function SlaTimers({ slas }: { slas: { clock: CaseSla; name: string }[] }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  if (slas.length === 0) return <p className="muted">{t('case.noSla')}</p>;
  return (
    <ul className="slas" aria-label={t('case.sla')}>
      {slas.map(({ clock, name }) => {
        const status = slaStatus(clock, new Date(now).toISOString());
        const due = Date.parse(clock.dueAt);
        const text =
          clock.state === 'completed' || clock.state === 'cancelled'
            ? clock.hasBreached
              ? t('case.slaMissed', { name })
              : t('case.slaMet', { name })
            : clock.state === 'paused'
              ? t('case.slaPaused', { name })
              : status === 'breached'
                ? t('case.slaBreachedAgo', { name, ago: formatSpan(now - due) })
                : t('case.slaDue', { name, left: formatSpan(due - now) });
        return (
          <li key={clock.id} className={`sla sla-${status}`}>
            {text}
          </li>
        );
      })}
    </ul>
  );
}
