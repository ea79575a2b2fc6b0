/** The signed-in user's cases, read live from the local cache (never waits on the network). */
import { useLiveQuery } from 'dexie-react-hooks';
import type { Case } from '../../shared/domain/case';
import { recordTable, type CasewayDb } from '../db/database';

const priorityLabels: Record<number, string> = { 1: '1 - Critical', 2: '2 - High', 3: '3 - Moderate', 4: '4 - Low' };

export function MyCasesList({ db, userId, onOpen }: { db: CasewayDb; userId: string; onOpen: (id: string) => void }) {
  const cases = useLiveQuery(async () => {
    const mine = (await recordTable(db, 'case').where('assignedToId').equals(userId).toArray()) as unknown as Case[];
    return mine.sort((a, b) => Number(a.closedAt !== null) - Number(b.closedAt !== null) || a.priority - b.priority || b.openedAt.localeCompare(a.openedAt));
  }, [db, userId]);
  if (!cases) return <p aria-live="polite">Loading your cases…</p>;
  return (
    <section aria-labelledby="my-cases-title">
      <h2 id="my-cases-title">
        My cases <span className="count">({cases.length})</span>
      </h2>
      {cases.length === 0 ? (
        <p>No cases are assigned to you.</p>
      ) : (
        <table className="cases">
          <thead>
            <tr>
              <th scope="col">Number</th>
              <th scope="col">Short description</th>
              <th scope="col">State</th>
              <th scope="col">Priority</th>
              <th scope="col">Opened</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((c) => (
              <tr key={c.id}>
                <td>
                  <button type="button" className="link" onClick={() => onOpen(c.id)}>
                    {c.number || 'New (not synced)'}
                  </button>
                </td>
                <td>{c.shortDescription}</td>
                <td>{c.state.replace(/_/g, ' ')}</td>
                <td>{priorityLabels[c.priority] ?? c.priority}</td>
                <td>
                  <time dateTime={c.openedAt}>{new Date(c.openedAt).toLocaleString()}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
