/**
 * The administrator's devices (issue 6, item 7): who signed in where, and revoking a lost or
 * stolen device. Online only: it asks the store, which alone knows every device. A revoked device
 * reports the work it still had queued on its next contact; that report is shown here.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceReport, DeviceSummary } from '../../shared/api/devices';
import type { User } from '../../shared/domain/organisation';
import { ApiRequestError, apiRequest } from '../api/client';
import { deviceId as thisDeviceId } from '../app/syncClient';

type Props = { user: User; token: string };

function RevokeDialog({ device, onDone, onCancel, token }: { device: DeviceSummary; token: string; onDone: (d: DeviceSummary) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (ref.current && !ref.current.open) ref.current.showModal();
  }, []);
  const submit = async (): Promise<void> => {
    try {
      onDone(await apiRequest<DeviceSummary>(`/api/admin/devices/${device.deviceId}/revoke`, { method: 'POST', token, body: { reason: reason.trim() || null } }));
    } catch (e) {
      setError(e instanceof ApiRequestError ? e.message : String(e));
    }
  };
  return (
    <dialog ref={ref} aria-labelledby="revoke-title" onCancel={onCancel} onClose={onCancel} className="revoke-dialog">
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2 id="revoke-title">{t('admin.revokeTitle', { device: device.deviceName })}</h2>
        <label htmlFor="revoke-reason">{t('admin.reason')}</label>
        <input id="revoke-reason" value={reason} maxLength={400} onChange={(e) => setReason(e.target.value)} autoFocus />
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="submit">{t('admin.confirmRevoke')}</button>
          <button type="button" className="secondary" onClick={onCancel}>
            {t('admin.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}

function ReportPanel({ device, report, onClose }: { device: DeviceSummary; report: DeviceReport; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const nameOf = (userId: string): string => device.users.find((u) => u.id === userId)?.displayName ?? userId;
  const caches = report.report?.caches ?? [];
  return (
    <section aria-labelledby="report-title" className="device-report">
      <h2 id="report-title">{t('admin.reportTitle', { device: device.deviceName })}</h2>
      {caches.every((c) => c.queued.length === 0 && c.files.length === 0) && <p>{t('admin.reportEmpty')}</p>}
      {caches.map((c) => (
        <div key={c.userId}>
          <h3>{t('admin.reportUser', { name: nameOf(c.userId), count: c.queued.length, files: c.files.length, issues: c.openIssues, records: c.records })}</h3>
          {c.queued.length > 0 && (
            <table className="cases">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">{t('admin.mutation')}</th>
                  <th scope="col">{t('admin.deviceTime')}</th>
                </tr>
              </thead>
              <tbody>
                {c.queued.map((m) => (
                  <tr key={m.id}>
                    <td>{m.id}</td>
                    <td>
                      <code>{m.name}</code> <span className="muted">{JSON.stringify(m.args).slice(0, 160)}</span>
                    </td>
                    <td>{new Date(m.deviceTime).toLocaleString(i18n.language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {c.files.length > 0 && (
            <ul>
              {c.files.map((f) => (
                <li key={f.id}>{t('admin.file', { name: f.fileName, size: f.size })}</li>
              ))}
            </ul>
          )}
        </div>
      ))}
      <button type="button" className="secondary" onClick={onClose}>
        {t('admin.closeReport')}
      </button>
    </section>
  );
}

export function DevicesView({ token }: Props) {
  const { t, i18n } = useTranslation();
  const [devices, setDevices] = useState<DeviceSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<DeviceSummary | null>(null);
  const [report, setReport] = useState<{ device: DeviceSummary; report: DeviceReport } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const mine = thisDeviceId();
  const when = (iso: string): string => new Date(iso).toLocaleString(i18n.language);

  const load = useCallback(async () => {
    try {
      setDevices((await apiRequest<{ items: DeviceSummary[] }>('/api/admin/devices', { token })).items);
      setError(null);
    } catch (e) {
      setError(e instanceof ApiRequestError && e.status === 0 ? t('admin.needsStore') : e instanceof Error ? e.message : String(e));
    }
  }, [token, t]);
  useEffect(() => {
    void load();
  }, [load]);

  const showReport = async (device: DeviceSummary): Promise<void> => {
    try {
      setReport({ device, report: await apiRequest<DeviceReport>(`/api/admin/devices/${device.deviceId}/report`, { token }) });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <section aria-labelledby="devices-title" className="devices-view">
      <h1 id="devices-title">{t('admin.title')}</h1>
      <p className="muted">{t('admin.explain')}</p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <p role="status" aria-live="polite">
        {message}
      </p>
      {devices === null && !error && <p>{t('admin.loading')}</p>}
      {devices && (
        <table className="cases devices">
          <thead>
            <tr>
              <th scope="col">{t('admin.device')}</th>
              <th scope="col">{t('admin.users')}</th>
              <th scope="col">{t('admin.lastSeen')}</th>
              <th scope="col">{t('admin.state')}</th>
              <th scope="col">{t('admin.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {devices.map((d) => (
              <tr key={d.deviceId} data-device={d.deviceId}>
                <td>
                  {d.deviceName}
                  {d.deviceId === mine && <span className="muted"> ({t('admin.thisDevice')})</span>}
                  <br />
                  <code className="muted">{d.deviceId.slice(0, 8)}</code>
                </td>
                <td>{d.users.map((u) => u.displayName).join(', ')}</td>
                <td>{when(d.lastSeenAt)}</td>
                <td>
                  {d.revocation
                    ? d.revocation.reportedAt
                      ? t('admin.revokedWiped', { at: when(d.revocation.revokedAt), by: d.revocation.revokedBy, reportedAt: when(d.revocation.reportedAt), queued: d.revocation.queued ?? 0, files: d.revocation.files ?? 0 })
                      : t('admin.revokedWaiting', { at: when(d.revocation.revokedAt), by: d.revocation.revokedBy })
                    : d.activeSessions > 0
                      ? t('admin.active', { count: d.activeSessions })
                      : t('admin.signedOut')}
                </td>
                <td>
                  {!d.revocation && d.deviceId !== mine && (
                    <button type="button" onClick={() => setRevoking(d)} aria-label={`${t('admin.revoke')} ${d.deviceName} (${d.users.map((u) => u.displayName).join(', ')})`}>
                      {t('admin.revoke')}
                    </button>
                  )}
                  {d.revocation?.reportedAt && (
                    <button type="button" className="secondary" onClick={() => void showReport(d)}>
                      {t('admin.showReport')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report && <ReportPanel device={report.device} report={report.report} onClose={() => setReport(null)} />}
      {revoking && (
        <RevokeDialog
          device={revoking}
          token={token}
          onCancel={() => setRevoking(null)}
          onDone={(d) => {
            setRevoking(null);
            setMessage(t('admin.revoked', { device: d.deviceName }));
            void load();
          }}
        />
      )}
    </section>
  );
}
