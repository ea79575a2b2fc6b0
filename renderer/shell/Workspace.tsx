/**
 * The signed-in workstation: a top bar (who, preferences, sign out), the navigation between views,
 * the strip of open records, the view or record shown, and the status bar. Everything inside reads
 * the local cache, so the whole workspace works offline.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../shared/domain/organisation';
import { useUi, viewsFor, type RecordTab, type View } from '../app/uiStore';
import { DevicesView } from '../admin/DevicesView';
import { FieldWorkView } from '../fieldwork/FieldWorkView';
import { TeamBoard } from '../supervisor/TeamBoard';
import { AssignmentNotices } from '../app/AssignmentNotices';
import { WorkNotices } from '../app/WorkNotices';
import { useDeepLinks } from '../app/deepLinks';
import { useShellCommands } from '../app/shellCommands';
import { useSyncStatusReport } from '../app/syncStatusReport';
import { chooseHost } from '../platform/host';
import type { SyncSession } from '../app/syncClient';
import { allCommands, matches, useCommands, useRegisterCommands } from '../app/commands';
import { recordTitle } from '../app/recordTitle';
import { InteractionForm } from '../interactions/InteractionForm';
import { InteractionsView } from '../interactions/InteractionsView';
import { CommandPalette, HelpOverlay } from './CommandPalette';
import { CaseForm } from '../cases/CaseForm';
import { Person360 } from '../people/Person360';
import { ApprovalsView } from '../playbooks/ApprovalsView';
import { countApprovals } from '../playbooks/approvalsData';
import { SearchView } from '../search/SearchView';
import { CaseQueue } from '../cases/CaseQueue';
import { recordTable, type CasewayDb } from '../db/database';
import { FirstDownload } from './FirstDownload';
import { Preferences } from './Preferences';
import { StatusBar } from './StatusBar';
import { SyncIssues } from './SyncIssues';

type Props = { user: User; sync: SyncSession | null; offlineUntil?: string | null; onSignOut: () => void };

/** How long "sync now" from the shell's menu waits for the push and pull before logging that it did not finish. */
const shellSyncTimeoutMs = 30_000;

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

/** Runs the registered command whose shortcut the key press matches (dialogs handle their own keys). */
function useShortcuts(isSuspended: boolean): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (isSuspended || event.defaultPrevented) return;
      const command = allCommands(useCommands.getState().owners).find((c) => c.shortcut && matches(c.shortcut, event));
      if (!command) return;
      event.preventDefault();
      command.run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [isSuspended]);
}

export function Workspace({ user, sync, offlineUntil = null, onSignOut }: Props) {
  const { t } = useTranslation();
  const { view, tabs, activeTab, showView, openRecord, closeRecord, listOrder } = useUi();
  const [dialog, setDialog] = useState<'palette' | 'help' | null>(null);
  // Asking for a view again (by its shortcut) shows it afresh, with focus on its first field.
  const [visit, setVisit] = useState(0);
  useDocumentTheme();
  const db = sync?.db ?? null;
  const roles = user.roles.join(',');
  // Approvals waiting for me, counted from the cache for the navigation.
  const toApprove = useLiveQuery(async () => (db ? countApprovals(db, { id: user.id, roles: roles.split(',') }) : 0), [db, user.id, roles], 0);
  const viewLabel = (v: View): string => t(`nav.${v}`);
  const active = tabs.find((tab) => tab.id === activeTab) ?? null;
  const go = (v: View): void => {
    showView(v);
    setVisit((n) => n + 1);
  };
  const nextCase = (): void => {
    const at = active?.kind === 'case' ? listOrder.indexOf(active.id) : -1;
    const next = listOrder[at + 1];
    if (next) openRecord({ kind: 'case', id: next });
  };
  useRegisterCommands('workspace', [
    { id: 'palette', label: t('keys.openPalette'), shortcut: { mod: 'ctrl', code: 'KeyK' }, run: () => setDialog('palette') },
    { id: 'help', label: t('keys.showHelp'), shortcut: { mod: 'ctrl', code: 'Slash' }, run: () => setDialog('help') },
    { id: 'newInteraction', label: t('keys.newInteraction'), shortcut: { mod: 'alt', code: 'KeyN' }, run: () => go('interactions') },
    { id: 'search', label: t('keys.search'), shortcut: { mod: 'alt', code: 'KeyS' }, run: () => go('search') },
    { id: 'nextCase', label: t('keys.nextCase'), shortcut: { mod: 'alt', code: 'KeyJ' }, run: nextCase },
    { id: 'goMyWork', label: t('keys.goMyWork'), shortcut: { mod: 'alt', code: 'Digit1' }, run: () => go('myWork') },
    { id: 'goQueues', label: t('keys.goQueues'), shortcut: { mod: 'alt', code: 'Digit2' }, run: () => go('queues') },
    { id: 'goInteractions', label: t('keys.goInteractions'), shortcut: { mod: 'alt', code: 'Digit3' }, run: () => go('interactions') },
    { id: 'goSearch', label: t('keys.goSearch'), shortcut: { mod: 'alt', code: 'Digit4' }, run: () => go('search') },
    { id: 'goSyncIssues', label: t('keys.goSyncIssues'), shortcut: { mod: 'alt', code: 'Digit5' }, run: () => go('syncIssues') },
    { id: 'goApprovals', label: t('playbook.goApprovals'), shortcut: { mod: 'alt', code: 'Digit6' }, run: () => go('approvals') },
    ...(viewsFor(user.roles).includes('team') ? [{ id: 'goTeam', label: t('team.goTeam'), shortcut: { mod: 'alt' as const, code: 'Digit7' }, run: () => go('team') }] : []),
    ...(active ? [{ id: 'closeTab', label: t('keys.closeTab'), shortcut: { mod: 'alt' as const, code: 'KeyX' }, run: () => closeRecord(active.id) }] : []),
  ]);
  useShortcuts(dialog !== null);
  const host = chooseHost();
  const deepLinkNotice = useDeepLinks(host, sync ? { db: sync.db, userId: user.id, mutate: sync.mutate } : null, openRecord);
  useSyncStatusReport(host, sync?.db ?? null);
  useShellCommands(
    host,
    sync
      ? () =>
          void sync.syncNow(shellSyncTimeoutMs).then((isDone) => {
            if (!isDone) host.log('warn', `sync now from the shell did not finish within ${shellSyncTimeoutMs / 1000} s`);
          })
      : null,
  );
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (dialog === null && event.key === 'F1') {
        event.preventDefault();
        setDialog('help');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dialog]);

  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">{t('app.name')}</span>
        <span className="who">{t('app.user', { name: user.displayName, roles: user.roles.join(', ').replace(/_/g, ' ') })}</span>
        {offlineUntil && <span className="offline-unlock">{t('login.offlineUntil', { until: new Date(offlineUntil).toLocaleString() })}</span>}
        <Preferences />
        <button type="button" className="secondary" onClick={() => setDialog('help')}>
          {t('keys.helpButton')}
        </button>
        <button type="button" onClick={onSignOut}>
          {t('app.signOut')}
        </button>
      </header>
      <div className="workspace">
        <nav aria-label={t('nav.label')} className="sidenav">
          <ul>
            {viewsFor(user.roles).map((v) => (
              <li key={v}>
                <button type="button" className="navitem" aria-current={view === v && active === null ? 'page' : undefined} onClick={() => showView(v)}>
                  {viewLabel(v)}
                  {v === 'approvals' && toApprove > 0 && <span className="navcount"> ({toApprove})</span>}
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
            {deepLinkNotice && (
              <p role="status" className="notice">
                {deepLinkNotice}
              </p>
            )}
            {sync && active?.kind === 'case' ? (
              <CaseForm key={active.id} db={sync.db} userId={user.id} caseId={active.id} mutate={sync.mutate} onOpen={openRecord} onClose={() => closeRecord(active.id)} />
            ) : sync && active?.kind === 'interaction' ? (
              <InteractionForm key={active.id} db={sync.db} userId={user.id} interactionId={active.id} mutate={sync.mutate} onOpen={openRecord} />
            ) : sync && active && active.kind !== 'case' && active.kind !== 'interaction' ? (
              <Person360 key={active.id} db={sync.db} kind={active.kind} id={active.id} onOpen={openRecord} />
            ) : null}
            {/* The view stays mounted (hidden) while a record is shown: back to it, its filters,
                scroll position and rows are as they were, with nothing to read again. */}
            {sync && (
              <div hidden={active !== null}>
                {view === 'search' ? (
                  <SearchView key={visit} db={sync.db} onOpen={openRecord} />
                ) : view === 'interactions' ? (
                  <InteractionsView key={visit} db={sync.db} userId={user.id} mutate={sync.mutate} onOpen={openRecord} />
                ) : view === 'approvals' ? (
                  <ApprovalsView key={visit} db={sync.db} me={{ id: user.id, roles: user.roles }} mutate={sync.mutate} onOpen={openRecord} />
                ) : view === 'team' ? (
                  <TeamBoard key={visit} db={sync.db} user={user} mutate={sync.mutate} mutateMany={sync.mutateMany} onOpen={openRecord} />
                ) : view === 'fieldWork' ? (
                  <FieldWorkView key={visit} db={sync.db} user={user} mutate={sync.mutate} syncNow={sync.syncNow} onOpen={openRecord} />
                ) : view === 'devices' ? (
                  <DevicesView key={visit} user={user} token={sync.token} />
                ) : view === 'syncIssues' ? (
                  <SyncIssues db={sync.db} onClose={() => showView('myWork')} />
                ) : (
                  <FirstDownload db={sync.db}>
                    <CaseQueue key={view} db={sync.db} userId={user.id} scope={view === 'queues' ? 'groups' : 'mine'} isShown={active === null} onOpen={(id) => openRecord({ kind: 'case', id })} />
                  </FirstDownload>
                )}
              </div>
            )}
          </main>
        </div>
      </div>
      {sync && (
        <div className="notices">
          <AssignmentNotices db={sync.db} userId={user.id} host={host} onOpenCase={(id) => openRecord({ kind: 'case', id })} />
          <WorkNotices db={sync.db} me={{ id: user.id, roles: user.roles }} host={host} onOpenCase={(id) => openRecord({ kind: 'case', id })} onShowApprovals={() => go('approvals')} />
        </div>
      )}
      {sync && <StatusBar db={sync.db} onShowIssues={() => showView('syncIssues')} />}
      <CommandPalette isOpen={dialog === 'palette'} onClose={() => setDialog(null)} />
      <HelpOverlay isOpen={dialog === 'help'} onClose={() => setDialog(null)} />
    </div>
  );
}
