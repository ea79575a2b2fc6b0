/**
 * The workspace's notices of cases newly assigned to the signed-in user (assignmentNotices.ts):
 * a polite live region over the status bar (in the workspace's notices corner), each notice with
 * the cases to open and a dismiss button, and "Enable desktop notifications" while nobody has been
 * asked (the browser's prompt opens only from that button or the command palette, never by itself).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CasewayDb } from '../db/database';
import { chooseHost, type Host } from '../platform/host';
import { useAssignmentNotices } from './assignmentNotices';
import { useRegisterCommands } from './commands';

type Props = { db: CasewayDb; userId: string; onOpenCase: (id: string) => void; host?: Host };

export function AssignmentNotices({ db, userId, onOpenCase, host = chooseHost() }: Props) {
  const { t } = useTranslation();
  const { notices, dismiss } = useAssignmentNotices(db, userId, host);
  const [permission, setPermission] = useState(() => host.notificationPermission());
  const enable = (): void => void host.requestNotificationPermission().then(setPermission);
  useRegisterCommands('assignmentNotices', permission === 'default' ? [{ id: 'enableNotifications', label: t('team.enableNotifications'), run: enable }] : []);
  return (
    <div role="region" aria-label={t('team.notices')}>
      <div aria-live="polite" className="noticelist">
        {notices.map((notice) => {
          const [only] = notice.cases;
          return (
            <div key={notice.id} className="notice" data-testid="assignment-notice">
              <p>
                <strong>{notice.cases.length === 1 ? t('team.noticeTitle') : t('team.noticesTitle', { count: notice.cases.length })}</strong>
              </p>
              {notice.cases.length === 1 && only ? (
                <p>{t('team.noticeOne', { number: only.number, description: only.shortDescription, by: only.byName ?? t('team.someone') })}</p>
              ) : (
                <p>{t('team.noticeMany', { count: notice.cases.length })}</p>
              )}
              <p className="actions">
                {notice.cases.slice(0, 5).map((c) => (
                  <button
                    key={c.id}
                    type="button"
                    className="small"
                    onClick={() => {
                      onOpenCase(c.id);
                      dismiss(notice.id);
                    }}
                  >
                    {t('team.open', { number: c.number })}
                  </button>
                ))}
                <button type="button" className="small secondary" onClick={() => dismiss(notice.id)}>
                  {t('team.dismiss')}
                </button>
                {permission === 'default' && (
                  <button type="button" className="small secondary" onClick={enable}>
                    {t('team.enableNotifications')}
                  </button>
                )}
              </p>
            </div>
          );
        })}
      </div>
    </div>
  );
}
