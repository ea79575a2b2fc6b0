/**
 * The signed-in workstation: a top bar (who, preferences, sign out), the navigation between views,
 * the strip of open records, the view or record shown, and the status bar. Everything inside reads
 * the local cache, so the whole workspace works offline.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../shared/domain/organisation';
import { useUi, views, type RecordTab, type View } from '../app/uiStore';
import type { SyncSession } from '../app/syncClient';
import { recordTitle } from '../app/recordTitle';
import { CaseForm } from '../cases/CaseForm';
import { Person360 } from '../people/Person360';
import { SearchView } from '../search/SearchView';
import { CaseQueue } from '../cases/CaseQueue';
import { recordTable, type CasewayDb } from '../db/database';
import { FirstDownload } from './FirstDownload';
import { Preferences } from './Preferences';
import { StatusBar } from './StatusBar';
import { SyncIssues } from './SyncIssues';

type Props = { user: User; sync: SyncSession | null; onSignOut: () => void };

/** Resolves "as the system" against the OS setting and marks the document, which the CSS themes. */
function useDocumentTheme(): void {
  const theme = useUi((s) => s.theme);
  useEffect(() => {
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = (): void => {
      document.documentElement.dataset.theme = theme === 'system' ? (media.matches ? 'dark' : 'light') : theme;
    };
    apply();
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [theme]);
}

/** One open record in the strip: its number (or "New case" until the store numbers it) and a close button. */
function RecordTabItem({ db, tab, isActive, onShow, onClose }: { db: CasewayDb; tab: RecordTab; isActive: boolean; onShow: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const name = useLiveQuery(async () => recordTitle(tab.kind, await recordTable(db, tab.kind).get(tab.id)), [db, tab.kind, tab.id]);
  const title = name || (tab.kind === 'case' ? t('tabs.newCase') : tab.kind === 'interaction' ? t('tabs.newInteraction') : '…');
  return (
    <li className={isActive ? 'tab active' : 'tab'}>
      <button type="button" className="tablabel" aria-current={isActive ? 'page' : undefined} onClick={onShow}>
        {title}
      </button>
      <button type="button" className="tabclose" aria-label={t('tabs.close', { title })} title={t('tabs.close', { title })} onClick={onClose}>
        ×
      </button>
    </li>
  );
}

export function Workspace({ user, sync, onSignOut }: Props) {
  const { t } = useTranslation();
  const { view, tabs, activeTab, showView, openRecord, closeRecord } = useUi();
  useDocumentTheme();
  const viewLabel = (v: View): string => t(`nav.${v}`);
  const active = tabs.find((tab) => tab.id === activeTab) ?? null;

  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">{t('app.name')}</span>
        <span className="who">{t('app.user', { name: user.displayName, roles: user.roles.join(', ').replace(/_/g, ' ') })}</span>
        <Preferences />
        <button type="button" onClick={onSignOut}>
          {t('app.signOut')}
        </button>
      </header>
      <div className="workspace">
        <nav aria-label={t('nav.label')} className="sidenav">
          <ul>
            {views.map((v) => (
              <li key={v}>
                <button type="button" className="navitem" aria-current={view === v && active === null ? 'page' : undefined} onClick={() => showView(v)}>
                  {viewLabel(v)}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <div className="main">
          {sync && tabs.length > 0 && (
            <nav aria-label={t('tabs.label')} className="tabstrip">
              <ul>
                {tabs.map((tab) => (
                  <RecordTabItem key={tab.id} db={sync.db} tab={tab} isActive={tab.id === activeTab} onShow={() => openRecord(tab)} onClose={() => closeRecord(tab.id)} />
                ))}
              </ul>
            </nav>
          )}
          <main className="content" id="content">
            {!sync ? null : active?.kind === 'case' ? (
              <CaseForm key={active.id} db={sync.db} userId={user.id} caseId={active.id} mutate={sync.mutate} onOpen={openRecord} onClose={() => closeRecord(active.id)} />
            ) : active && active.kind !== 'interaction' ? (
              <Person360 key={active.id} db={sync.db} kind={active.kind} id={active.id} onOpen={openRecord} />
            ) : view === 'search' ? (
              <SearchView db={sync.db} onOpen={openRecord} />
            ) : view === 'syncIssues' ? (
              <SyncIssues db={sync.db} onClose={() => showView('myWork')} />
            ) : (
              <FirstDownload db={sync.db}>
                <CaseQueue key={view} db={sync.db} userId={user.id} scope={view === 'queues' ? 'groups' : 'mine'} onOpen={(id) => openRecord({ kind: 'case', id })} />
              </FirstDownload>
            )}
          </main>
        </div>
      </div>
      {sync && <StatusBar db={sync.db} onShowIssues={() => showView('syncIssues')} />}
    </div>
  );
}
