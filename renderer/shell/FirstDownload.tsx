/**
 * While the device downloads its work for the first time (or again after its scope changed), show
 * how far it is. The user's own open cases arrive first (SPEC P10), so the lists below are usable
 * at once and fill in as the rest of the download lands.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { ReactNode } from 'react';
import type { CasewayDb } from '../db/database';

export function FirstDownload({ db, children }: { db: CasewayDb; children: ReactNode }) {
  const meta = useLiveQuery(() => db.meta.get('sync'), [db]);
  return (
    <>
      {meta?.isSnapshotting && (
        <section aria-labelledby="download-title" className="panel download">
          <h2 id="download-title">Downloading your work</h2>
          <p role="status" aria-live="polite" data-testid="download-progress">
            {(meta.snapshotRecords ?? 0).toLocaleString()} records so far
          </p>
          <p className="muted">Your own open cases come first; the rest of your queues, the people and sites they involve and your organisation's set-up follow, so you can keep working offline.</p>
        </section>
      )}
      {children}
    </>
  );
}
