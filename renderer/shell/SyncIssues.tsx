/** What the store refused or overwrote, with the reason and both values: never dropped silently. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import type { CasewayDb } from '../db/database';

export function SyncIssues({ db, onClose }: { db: CasewayDb; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const issues = useLiveQuery(() => db.syncIssues.where('isDismissed').equals(0).reverse().sortBy('id'), [db], []);
  return (
    <section aria-labelledby="issues-title" className="panel">
      <h2 id="issues-title">{t('issues.title')}</h2>
      <button type="button" onClick={onClose}>
        {t('issues.close')}
      </button>
      {issues.length === 0 ? (
        <p>{t('issues.none')}</p>
      ) : (
        <ul className="issues">
          {issues.map((issue) => (
            <li key={issue.id}>
              <strong>{issue.kind === 'refused' ? t('issues.refused') : t('issues.overwritten')}</strong> · {issue.name} · {t('issues.made', { time: new Date(issue.deviceTime).toLocaleString(i18n.language) })}
              <p>{issue.message}</p>
              {issue.conflicts.map((c) => (
                <p key={c.field}>
                  {t('issues.values', { field: c.field, yours: String(c.yours), theirs: String(c.theirs) })}
                </p>
              ))}
              <button type="button" onClick={() => void db.syncIssues.update(issue.id ?? 0, { isDismissed: 1 })}>
                {t('issues.dismiss')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
