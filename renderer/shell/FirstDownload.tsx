/**
 * While the device downloads its work for the first time (or again after its scope changed) the
 * lists would be incomplete: show the progress instead, and leave IndexedDB to the download.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { ReactNode } from 'react';
import type { CasewayDb } from '../db/database';

export function FirstDownload({ db, children }: { db: CasewayDb; children: ReactNode }) {
  const meta = useLiveQuery(() => db.meta.get('sync'), [db]);
  if (meta === undefined || !meta.isSnapshotting) return children;
  return (
    <section aria-labelledby="download-title" className="panel">
      <h2 id="download-title">Downloading your work</h2>
      <p role="status" aria-live="polite" data-testid="download-progress">
        {(meta.snapshotRecords ?? 0).toLocaleString()} records so far
      </p>
      <p className="muted">Your cases, the people and sites they involve, and your organisation's set-up are being stored on this device, so you can keep working offline.</p>
    </section>
  );
}
