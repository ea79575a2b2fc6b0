/**
 * The workspace's notices of approvals asked of the signed-in user and of their cases about to
 * breach their SLA (workNotices.ts): a polite live region beside the assignment notices, each
 * notice with the cases to open (and, for approvals, the way to "To approve") and a dismiss button.
 */
import { useTranslation } from 'react-i18next';
import type { CasewayDb } from '../db/database';
import { chooseHost, type Host } from '../platform/host';
import type { Approver } from '../playbooks/approvalsData';
import { useWorkNotices, type WorkNotice } from './workNotices';

type Props = { db: CasewayDb; me: Approver; onOpenCase: (id: string) => void; onShowApprovals: () => void; host?: Host };

function NoticeText({ notice }: { notice: WorkNotice }) {
  const { t, i18n } = useTranslation();
  const count = notice.items.length;
  if (notice.kind === 'approval') {
    const [only] = notice.items;
    return (
      <>
        <p>
          <strong>{count === 1 ? t('keys.approvalNoticeTitle') : t('keys.approvalNoticesTitle', { count })}</strong>
        </p>
        <p>{count === 1 && only ? t('keys.approvalNoticeOne', { number: only.number, description: only.shortDescription, by: only.byName ?? t('team.someone') }) : t('keys.approvalNoticeMany', { count })}</p>
      </>
    );
  }
  const [only] = notice.items;
  const time = (iso: string): string => new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' }).format(new Date(iso));
  return (
    <>
      <p>
        <strong>{count === 1 ? t('keys.slaNoticeTitle') : t('keys.slaNoticesTitle', { count })}</strong>
      </p>
      <p>{count === 1 && only ? t('keys.slaNoticeOne', { number: only.number, description: only.shortDescription, time: time(only.dueAt) }) : t('keys.slaNoticeMany', { count })}</p>
    </>
  );
}

export function WorkNotices({ db, me, onOpenCase, onShowApprovals, host = chooseHost() }: Props) {
  const { t } = useTranslation();
  const { notices, dismiss } = useWorkNotices(db, me, host);
  return (
    <div role="region" aria-label={t('keys.workNotices')}>
      <div aria-live="polite" className="noticelist">
        {notices.map((notice) => (
          <div key={notice.id} className="notice" data-testid={notice.kind === 'approval' ? 'approval-notice' : 'sla-notice'}>
            <NoticeText notice={notice} />
            <p className="actions">
              {notice.items.slice(0, 5).map((item) => (
                <button
                  key={item.key}
                  type="button"
                  className="small"
                  onClick={() => {
                    onOpenCase(item.caseId);
                    dismiss(notice.id);
                  }}
                >
                  {t('team.open', { number: item.number })}
                </button>
              ))}
              {notice.kind === 'approval' && (
                <button
                  type="button"
                  className="small secondary"
                  onClick={() => {
                    onShowApprovals();
                    dismiss(notice.id);
                  }}
                >
                  {t('keys.showApprovals')}
                </button>
              )}
              <button type="button" className="small secondary" onClick={() => dismiss(notice.id)}>
                {t('team.dismiss')}
              </button>
            </p>
          </div>
        ))}
      </div>
    </div>
  );
}
