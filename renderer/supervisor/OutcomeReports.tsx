/**
 * One report per bulk reassignment: how many cases moved, how many wait to sync, and each case the
 * store refused, in plain words, with Retry (queued again in the same batch, expecting the case's
 * assignment as it is now) and Discard (the sync issue is dismissed; the case stays where it is).
 */
import { useTranslation } from 'react-i18next';
import type { MutationName } from '../../shared/sync/mutations';
import type { CasewayDb } from '../db/database';
import type { Batch, BatchOutcome, Refused } from './boardModel';
import type { OutcomeCase, OutcomeData } from './boardData';
import { retryRefused } from './reassign';

type Props = {
  db: CasewayDb;
  reports: BatchOutcome[];
  batches: readonly Batch[];
  outcomes: OutcomeData;
  names: ReadonlyMap<string, string>;
  mutate: (name: MutationName, args: unknown) => Promise<number>;
  onSaved: (batch: Batch) => void;
  onHide: (batchId: string) => void;
  onOpenCase: (id: string) => void;
  announce: (text: string) => void;
};

/** Why the store did not move a case, in plain words. */
function RefusalText({ refused, now, names }: { refused: Refused; now: OutcomeCase | undefined; names: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  switch (refused.code) {
    case 'case_not_open':
      return <span>{now ? t('team.code_case_not_open', { state: now.stateLabel }) : t('team.code_case_not_open_unknown')}</span>;
    case 'assignment_changed': {
      const holder = now ? [now.assignedToId, now.assignmentGroupId].map((id) => (id ? names.get(id) : undefined)).find(Boolean) : undefined;
      return <span>{t('team.code_assignment_changed', { holder: holder ?? t('team.nobody') })}</span>;
    }
    default:
      return <span>{t('team.code_other', { message: refused.message })}</span>;
  }
}

export function OutcomeReports({ db, reports, batches, outcomes, names, mutate, onSaved, onHide, onOpenCase, announce }: Props) {
  const { t, i18n } = useTranslation();
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const byId = new Map(batches.map((b) => [b.id, b]));

  const retry = async (report: BatchOutcome, refused: Refused, current: OutcomeCase): Promise<void> => {
    const batch = byId.get(report.batchId) ?? { id: report.batchId, at: new Date().toISOString(), target: refused.target, reason: refused.reason, cases: { [refused.caseId]: refused.mutationId } };
    try {
      const next = await retryRefused(mutate, batch, refused, current);
      // The refusal is answered by the retry: it leaves the sync issues list.
      await db.syncIssues.update(refused.issueId, { isDismissed: 1 });
      onSaved(next);
      announce(t('team.retried', { number: current.number }));
    } catch (error) {
      announce(t('team.notQueued', { message: error instanceof Error ? error.message : String(error) }));
    }
  };
  const discard = async (refused: Refused): Promise<void> => {
    await db.syncIssues.update(refused.issueId, { isDismissed: 1 });
  };

  return (
    <section aria-labelledby="team-outcomes" className="card">
      <h3 id="team-outcomes">{t('team.outcomes')}</h3>
      {reports.length === 0 ? (
        <p className="muted">{t('team.noOutcomes')}</p>
      ) : (
        <ul className="plain outcomes">
          {reports.map((report) => {
            const batch = byId.get(report.batchId);
            const target = batch ? [batch.target.assignedToId, batch.target.assignmentGroupId].filter((x): x is string => x !== null).map((x) => names.get(x) ?? '').filter(Boolean).join(', ') : '';
            const heading = batch ? `${t('team.batchTo', { target })} · ${batch.at ? when.format(new Date(batch.at)) : ''}` : t('team.batchUnknown');
            const waiting = outcomes.waitingByBatch.get(report.batchId) ?? 0;
            return (
              <li key={report.batchId}>
                <article aria-labelledby={`batch-${report.batchId}`} className="outcome">
                  <h4 id={`batch-${report.batchId}`}>{heading}</h4>
                  {batch?.reason && <p className="muted">{t('team.batchReason', { reason: batch.reason })}</p>}
                  <p data-testid="outcome-summary">
                    {t('team.outcomeSummary', { moved: report.moved, notMoved: report.refused.length + report.discarded })}
                    {waiting > 0 && ` · ${t('team.waiting', { count: waiting })}`}
                    {report.discarded > 0 && ` · ${t('team.discarded', { count: report.discarded })}`}
                  </p>
                  {report.refused.length > 0 && (
                    <ul className="plain refused" aria-label={t('team.refusedList')}>
                      {report.refused.map((refused) => {
                        const current = outcomes.cases.get(refused.caseId);
                        const number = current?.number ?? refused.caseId.slice(0, 8);
                        return (
                          <li key={refused.caseId}>
                            {current ? (
                              <button type="button" className="link" onClick={() => onOpenCase(refused.caseId)}>
                                {current.number}
                              </button>
                            ) : (
                              <span>{number}</span>
                            )}{' '}
                            <RefusalText refused={refused} now={current} names={names} />{' '}
                            {current === undefined && <span className="muted">{t('team.notOnDevice')} </span>}
                            {current !== undefined && !current.isOpen && <span className="muted">{t('team.retryClosed')} </span>}
                            <button type="button" className="small" aria-label={t('team.retryLabel', { number })} disabled={!current?.isOpen} onClick={() => current && void retry(report, refused, current)}>
                              {t('team.retry')}
                            </button>
                            <button type="button" className="small secondary" aria-label={t('team.discardLabel', { number })} onClick={() => void discard(refused)}>
                              {t('team.discard')}
                            </button>
                          </li>
                        );
                      })}
                    </ul>
                  )}
                  {report.refused.length === 0 && waiting === 0 && (
                    <button type="button" className="small secondary" onClick={() => onHide(report.batchId)}>
                      {t('team.hide')}
                    </button>
                  )}
                </article>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
