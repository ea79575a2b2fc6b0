/**
 * "To approve": the approvals waiting for me (named, or asked of one of my roles), newest first,
 * each decided in place with an optional comment (a rejection needs one), and the last decisions I
 * made. It reads the cache only and decides through `approval.decide`, so it works offline.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MutationName } from '../../shared/sync/mutations';
import type { RecordTab } from '../app/uiStore';
import type { CasewayDb } from '../db/database';
import { useMutationRunner } from '../sync/useMutationRunner';
import { loadApprovals, type ApprovalItem, type Approver } from './approvalsData';

type Props = { db: CasewayDb; me: Approver; mutate: (name: MutationName, args: unknown) => Promise<number>; onOpen: (tab: RecordTab) => void };

function useDateFormat(): (iso: string | null) => string {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (iso) => (iso ? format.format(new Date(iso)) : '');
}

export function ApprovalsView({ db, me, mutate, onOpen }: Props) {
  const { t } = useTranslation();
  const when = useDateFormat();
  const roles = me.roles.join(',');
  const data = useLiveQuery(async () => loadApprovals(db, { id: me.id, roles: roles ? roles.split(',') : [] }), [db, me.id, roles]);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const caseTitle = (item: ApprovalItem) => `${item.caseNumber || t('playbook.notSyncedCase')}: ${item.caseShortDescription}`;
  return (
    <section aria-labelledby="approvals-title" className="panel approvalsview">
      <h2 id="approvals-title" tabIndex={-1} ref={headingRef}>
        {t('playbook.approvalsTitle')}
      </h2>
      {data === undefined ? (
        <p aria-live="polite">{t('case.loading')}</p>
      ) : (
        <>
          <h3>{t('playbook.approvalsWaiting')}</h3>
          {data.waiting.length === 0 ? (
            <p className="muted">{t('playbook.noneWaiting')}</p>
          ) : (
            <ul className="plain approvalitems" aria-label={t('playbook.approvalsWaiting')}>
              {data.waiting.map((item) => (
                <li key={item.id}>
                  <ApprovalCard item={item} title={caseTitle(item)} mutate={mutate} onOpen={() => onOpen({ kind: 'case', id: item.caseId })} />
                </li>
              ))}
            </ul>
          )}
          <h3>{t('playbook.decidedByMe')}</h3>
          {data.decided.length === 0 ? (
            <p className="muted">{t('playbook.noneDecided')}</p>
          ) : (
            <ul className="plain decided" aria-label={t('playbook.decidedByMe')}>
              {data.decided.map((item) => (
                <li key={item.id}>
                  <button type="button" className="link" onClick={() => onOpen({ kind: 'case', id: item.caseId })}>
                    {caseTitle(item)}
                  </button>{' '}
                  <span className="muted">
                    {item.activityName ? ` · ${item.activityName}` : ''} · {t('playbook.decidedLine', { decision: t(item.state === 'rejected' ? 'playbook.decision_rejected' : 'playbook.decision_approved'), time: when(item.decidedAt) })}
                  </span>
                  {item.isPending && <span className="badge">{t('playbook.waiting')}</span>}
                  {item.comment && <p className="quote">{t('playbook.approvalComment', { comment: item.comment })}</p>}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

function ApprovalCard({ item, title, mutate, onOpen }: { item: ApprovalItem; title: string; mutate: Props['mutate']; onOpen: () => void }) {
  const { t } = useTranslation();
  const when = useDateFormat();
  const { run, error } = useMutationRunner(mutate, t('case.notSaved'));
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const commentRef = useRef<HTMLTextAreaElement>(null);
  const id = `approval-${item.id}`;
  const decide = async (decision: 'approved' | 'rejected') => {
    if (decision === 'rejected' && !comment.trim()) {
      setProblem(t('playbook.rejectNeedsComment'));
      commentRef.current?.focus();
      return;
    }
    setProblem(null);
    await run('approval.decide', { id: item.id, decision, comment: comment.trim() || null });
  };
  return (
    <article className="pcard approvalcard" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>
        <button type="button" className="link" onClick={onOpen}>
          {title}
        </button>
      </h4>
      <p>
        {item.activityName
          ? t('playbook.requestedLine', { activity: item.activityName, name: item.requestedByName || '—', time: when(item.requestedAt) })
          : t('playbook.requestedBy', { name: item.requestedByName || '—', time: when(item.requestedAt) })}
        {item.isPending && <span className="badge">{t('playbook.waiting')}</span>}
      </p>
      {item.settledBy && <p className="muted">{t('playbook.settled', { state: t(item.settledBy.state === 'rejected' ? 'playbook.approvalState_rejected' : 'playbook.approvalState_approved'), name: item.settledBy.name })}</p>}
      <div className="field">
        <label htmlFor={`${id}-comment`}>{t('playbook.decisionComment')}</label>
        <textarea
          id={`${id}-comment`}
          ref={commentRef}
          value={comment}
          maxLength={4000}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-error` : undefined}
          onChange={(e) => {
            setComment(e.target.value);
            setProblem(null);
          }}
        />
        {problem && (
          <span id={`${id}-error`} className="error">
            {problem}
          </span>
        )}
      </div>
      <div className="actions">
        <button type="button" onClick={() => void decide('approved')}>
          {t('playbook.approve')}
        </button>
        <button type="button" className="secondary" onClick={() => void decide('rejected')}>
          {t('playbook.reject')}
        </button>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </article>
  );
}
