/**
 * The field technician's workstation (issue 6): its work orders and inspections by schedule, one
 * of them open in the detail pane, and "prepare for offline". Read from the device's cache only,
 * so the whole view works without the store; every change is a queued mutation with device time.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { format } from 'date-fns';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../shared/domain/organisation';
import type { RecordTab } from '../app/uiStore';
import type { SyncSession } from '../app/syncClient';
import type { CasewayDb } from '../db/database';
import { localToday } from '../people/useFormats';
import { loadMyWork, loadWorkOrder } from './fieldWorkData';
import { PreparePanel } from './PreparePanel';
import { groupBySchedule, workToPrepare } from './schedule';
import { WorkList } from './WorkList';
import { WorkOrderDetail } from './WorkOrderDetail';

type Props = { db: CasewayDb; user: User; mutate: SyncSession['mutate']; syncNow: SyncSession['syncNow']; onOpen: (tab: RecordTab) => void };

/** An instant as the device's local calendar date. */
const localDay = (iso: string): string => format(new Date(iso), 'yyyy-MM-dd');

export function FieldWorkView({ db, user, mutate, syncNow, onOpen }: Props) {
  const { t } = useTranslation();
  const [days, setDays] = useState(3);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const today = localToday(new Date());
  const rows = useLiveQuery(async () => loadMyWork(db, user.id), [db, user.id]);
  const schedule = useMemo(() => groupBySchedule(rows ?? [], today, days, localDay), [rows, today, days]);
  const workIds = useMemo(() => workToPrepare(schedule).map((r) => r.id), [schedule]);
  const view = useLiveQuery(async () => (selectedId ? loadWorkOrder(db, selectedId, today) : null), [db, selectedId, today]);

  const back = (): void => {
    const id = selectedId;
    setSelectedId(null);
    // Back to the row the technician came from.
    requestAnimationFrame(() => document.querySelector<HTMLButtonElement>(`.fw-list [data-work-id="${id ?? ''}"]`)?.focus());
  };

  return (
    <section aria-labelledby="fw-title" className="panel fieldwork">
      <h2 id="fw-title">{t('fieldwork.title')}</h2>
      <PreparePanel db={db} userId={user.id} days={days} onDays={setDays} today={today} workIds={workIds} syncNow={syncNow} />
      <div className="fw-split">
        {rows === undefined ? <p aria-live="polite">{t('fieldwork.loading')}</p> : rows.length === 0 ? <p className="muted">{t('fieldwork.noWork')}</p> : <WorkList schedule={schedule} today={today} selectedId={selectedId} onSelect={setSelectedId} />}
        {view ? (
          <WorkOrderDetail db={db} view={view} userId={user.id} mutate={mutate} onOpen={onOpen} onBack={back} />
        ) : (
          <p className="muted fw-hint">{selectedId && view === null ? t('fieldwork.gone') : t('fieldwork.choose')}</p>
        )}
      </div>
    </section>
  );
}
