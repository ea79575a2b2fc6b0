/** What the store refused or overwrote, with the reason and both values: never dropped silently. */
import { useLiveQuery } from 'dexie-react-hooks';
import type { CasewayDb } from '../db/database';

export function SyncIssues({ db, onClose }: { db: CasewayDb; onClose: () => void }) {
  const issues = useLiveQuery(() => db.syncIssues.where('isDismissed').equals(0).reverse().sortBy('id'), [db], []);
  return (
    <section aria-labelledby="issues-title" className="panel">
      <h2 id="issues-title">Sync issues</h2>
      <button type="button" onClick={onClose}>
        Close
      </button>
      {issues.length === 0 ? (
        <p>Nothing was refused or overwritten.</p>
      ) : (
        <ul className="issues">
          {issues.map((issue) => (
            <li key={issue.id}>
              <strong>{issue.kind === 'refused' ? 'Not applied' : 'Applied over a newer change'}</strong> · {issue.name} · made {new Date(issue.deviceTime).toLocaleString()}
              <p>{issue.message}</p>
              {issue.conflicts.map((c) => (
                <p key={c.field}>
                  {c.field}: yours “{String(c.yours)}”, theirs “{String(c.theirs)}”
                </p>
              ))}
              <button type="button" onClick={() => void db.syncIssues.update(issue.id ?? 0, { isDismissed: 1 })}>
                Dismiss
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
