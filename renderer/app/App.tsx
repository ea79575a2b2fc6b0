import { useCallback, useEffect, useState } from 'react';
import type { MeAnswer } from '../../shared/api/auth';
import { apiRequest } from '../api/client';
import { LoginScreen } from '../auth/LoginScreen';
import { CasePanel } from '../cases/CasePanel';
import { MyCasesList } from '../cases/MyCasesList';
import type { Host } from '../platform/host';
import { StatusBar } from '../shell/StatusBar';
import { FirstDownload } from '../shell/FirstDownload';
import { SyncIssues } from '../shell/SyncIssues';
import { useSession } from './sessionStore';
import { startSync, type SyncSession } from './syncClient';

export function App({ host }: { host: Host }) {
  const { status, token, user, setSignedIn, setSignedOut } = useSession();
  const [sync, setSync] = useState<SyncSession | null>(null);
  const [openCaseId, setOpenCaseId] = useState<string | null>(null);
  const [isShowingIssues, setIsShowingIssues] = useState(false);

  useEffect(() => {
    void (async () => {
      const saved = await host.loadToken();
      if (!saved) return setSignedOut();
      try {
        const me = await apiRequest<MeAnswer>('/api/auth/me', { token: saved });
        setSignedIn(saved, me.user);
      } catch {
        await host.saveToken(null);
        setSignedOut();
      }
    })();
  }, [host, setSignedIn, setSignedOut]);

  const onUnauthenticated = useCallback(() => {
    void host.saveToken(null).then(setSignedOut);
  }, [host, setSignedOut]);

  useEffect(() => {
    if (!user || !token) return;
    const session = startSync(user, token, onUnauthenticated);
    setSync(session);
    return () => {
      session.stop();
      setSync(null);
    };
  }, [user, token, onUnauthenticated]);

  const signOut = useCallback(async () => {
    if (token) await apiRequest('/api/auth/logout', { method: 'POST', token }).catch(() => undefined);
    await host.saveToken(null);
    setSignedOut();
  }, [host, token, setSignedOut]);

  if (status === 'starting') return <p aria-live="polite">Starting…</p>;
  if (status === 'signedOut' || !token || !user) return <LoginScreen host={host} />;
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">Caseway</span>
        <span className="who">
          {user.displayName} · {user.roles.join(', ').replace(/_/g, ' ')}
        </span>
        <button type="button" onClick={() => void signOut()}>
          Sign out
        </button>
      </header>
      <main className="content">
        {!sync ? null : isShowingIssues ? (
          <SyncIssues db={sync.db} onClose={() => setIsShowingIssues(false)} />
        ) : openCaseId ? (
          <CasePanel db={sync.db} caseId={openCaseId} mutate={sync.mutate} onClose={() => setOpenCaseId(null)} />
        ) : (
          <FirstDownload db={sync.db}>
            <MyCasesList db={sync.db} userId={user.id} onOpen={setOpenCaseId} />
          </FirstDownload>
        )}
      </main>
      {sync && <StatusBar db={sync.db} onShowIssues={() => setIsShowingIssues(true)} />}
    </div>
  );
}
