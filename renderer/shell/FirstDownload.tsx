/**
 * While the device downloads its work for the first time (or again after its scope changed), show
 * how far it is. The user's own open cases arrive first (SPEC P10), so the lists below are usable
 * at once and fill in as the rest of the download lands.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CasewayDb } from '../db/database';

export function FirstDownload({ db, children }: { db: CasewayDb; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const meta = useLiveQuery(() => db.meta.get('sync'), [db]);
  return (
    <>
      {meta?.isSnapshotting && (
        <section aria-labelledby="download-title" className="panel download">
          <h2 id="download-title">{t('download.title')}</h2>
          <p role="status" aria-live="polite" data-testid="download-progress">
            {t('download.progress', { records: (meta.snapshotRecords ?? 0).toLocaleString(i18n.language) })}
          </p>
          <p className="muted">{t('download.explain')}</p>
        </section>
      )}
      {children}
    </>
  );
}
