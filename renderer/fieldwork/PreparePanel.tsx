/**
 * "Prepare for offline" and what the device holds: the technician chooses how many days ahead,
 * the device syncs, fetches the install base history and downloads the attachments' content
 * (prepare.ts), then every work order of those days is shown with what is on the device and a
 * warning for anything missing, with the space used and when the device was last prepared.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ItemHistoryAnswer } from '../../shared/api/fieldwork';
import { apiRequest } from '../api/client';
import { useSession } from '../app/sessionStore';
import type { CasewayDb } from '../db/database';
import { useFormats } from '../people/useFormats';
import { httpTransport } from '../sync/httpTransport';
import { formatBytes, readStorageStatus, type StorageStatus } from '../sync/storage';
import { holdingsOf, loadWorkOrder } from './fieldWorkData';
import { lastPrepared, prepareForOffline, type PrepareReport } from './prepare';
import { readiness, readinessParts, warnings, type ReadinessCheck } from './readiness';

type Props = {
  db: CasewayDb;
  userId: string;
  days: number;
  onDays: (days: number) => void;
  today: string;
  /** The open work of the chosen days (overdue and unscheduled included), by id. */
  workIds: string[];
  syncNow: (timeoutMs: number) => Promise<boolean>;
};

const maxDays = 14;

function Cell({ check }: { check: ReadinessCheck }) {
  const { t } = useTranslation();
  const text = check.status === 'none' ? t('fieldwork.status_none') : check.part === 'attachments' || check.part === 'people' || check.part === 'contract' ? t('fieldwork.heldOf', { held: check.held, expected: check.expected }) : t(`fieldwork.status_${check.status}`);
  return <td className={check.status === 'missing' ? 'fw-missing' : undefined}>{check.status === 'missing' ? `⚠ ${text}` : text}</td>;
}

export function PreparePanel({ db, userId, days, onDays, today, workIds, syncNow }: Props) {
  const { t } = useTranslation();
  const f = useFormats();
  const token = useSession((s) => s.token);
  const [report, setReport] = useState<PrepareReport | null>(() => lastPrepared(userId));
  const [isRunning, setRunning] = useState(false);
  const [storage, setStorage] = useState<StorageStatus | null>(null);
  const shownIds = report && !isRunning ? [...new Set([...report.workOrderIds, ...workIds])] : workIds;
  const key = shownIds.join(',');
  const rows = useLiveQuery(
    async () => {
      const views = await Promise.all(key.split(',').filter(Boolean).map((id) => loadWorkOrder(db, id, today)));
      return views.flatMap((v) => (v ? [{ id: v.task.id, number: v.task.number, caseNumber: v.caseView?.c.number ?? '', checks: readiness(holdingsOf(v)) }] : []));
    },
    [db, key, today],
  );
  const keptBytes = useLiveQuery(async () => {
    let bytes = 0;
    await db.blobs.each((b) => (bytes += b.blob.size));
    return bytes;
  }, [db]);
  useEffect(() => {
    void readStorageStatus().then(setStorage);
  }, [report, keptBytes]);

  // The work to prepare is read after the sync, when the list may have grown.
  const workIdsRef = useRef(workIds);
  useEffect(() => {
    workIdsRef.current = workIds;
  }, [workIds]);

  const prepare = async () => {
    setRunning(true);
    try {
      const done = await prepareForOffline({
        db,
        userId,
        days,
        isOnline: navigator.onLine,
        now: () => new Date(),
        syncNow,
        selectWork: async () => workIdsRef.current,
        fetchHistory: (ids) => apiRequest<ItemHistoryAnswer>(`/api/fieldwork/history?itemIds=${ids.join(',')}`, { token }),
        attachments: httpTransport(location.origin, () => token),
      });
      setReport(done);
    } finally {
      setRunning(false);
    }
  };

  const lacking = (rows ?? []).filter((r) => warnings(r.checks).length > 0);
  return (
    <section aria-labelledby="fw-prepare-title" className="card fw-prepare">
      <h3 id="fw-prepare-title">{t('fieldwork.prepareTitle')}</h3>
      <div className="inline">
        <label>
          {t('fieldwork.days')}
          <input type="number" min={1} max={maxDays} value={days} onChange={(e) => onDays(Math.min(maxDays, Math.max(1, Math.round(Number(e.target.value) || 1))))} />
        </label>
        <button type="button" onClick={() => void prepare()} disabled={isRunning}>
          {t('fieldwork.prepare')}
        </button>
      </div>
      <div role="status" data-testid="fw-prepare-status">
        {isRunning ? (
          <p>{t('fieldwork.preparing')}</p>
        ) : report ? (
          <>
            <p>{t('fieldwork.preparedAt', { time: f.dateTime(report.at), count: report.days })}</p>
            {report.sync !== 'done' && <p className="error">{t(`fieldwork.sync_${report.sync}`)}</p>}
            {report.history.isFailed && <p className="error">{t('fieldwork.historyFailed')}</p>}
            {report.content.failed > 0 && <p className="error">{t('fieldwork.contentFailed', { count: report.content.failed })}</p>}
          </>
        ) : (
          <p className="muted">{t('fieldwork.neverPrepared')}</p>
        )}
      </div>
      <p data-testid="fw-storage">
        {t('fieldwork.storage', { used: storage?.usageBytes == null ? '—' : formatBytes(storage.usageBytes), quota: storage?.quotaBytes == null ? '—' : formatBytes(storage.quotaBytes), kept: formatBytes(keptBytes ?? 0) })}
      </p>
      {rows && rows.length > 0 && (
        <>
          <p className={lacking.length ? 'error' : undefined} data-testid="fw-readiness-summary">
            {lacking.length === 0 ? t('fieldwork.allReady', { count: rows.length }) : t('fieldwork.someMissing', { count: lacking.length, list: lacking.map((r) => `${r.number} (${warnings(r.checks).map((p) => t(`fieldwork.part_${p}`)).join(', ')})`).join('; ') })}
          </p>
          <div className="fw-table-wrap">
            <table aria-label={t('fieldwork.onDeviceTable')} className="fw-readiness">
              <thead>
                <tr>
                  <th scope="col">{t('fieldwork.workOrder')}</th>
                  {readinessParts.map((p) => (
                    <th key={p} scope="col">
                      {t(`fieldwork.part_${p}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      {r.number} {r.caseNumber && <span className="muted">· {r.caseNumber}</span>}
                    </th>
                    {r.checks.map((c) => (
                      <Cell key={c.part} check={c} />
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

