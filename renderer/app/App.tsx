import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeAnswer } from '../../shared/api/auth';
import { apiRequest } from '../api/client';
import { LoginScreen } from '../auth/LoginScreen';
import type { Host } from '../platform/host';
import { Workspace } from '../shell/Workspace';
import { useSession } from './sessionStore';
import { initialUiState, useUi } from './uiStore';
import { startSync, type SyncSession } from './syncClient';

export function App({ host }: { host: Host }) {
  const { status, token, user, setSignedIn, setSignedOut } = useSession();
  const { t } = useTranslation();
  const [sync, setSync] = useState<SyncSession | null>(null);

  useEffect(() => {
    void (async () => {
      const saved = await host.loadToken();
      if (!saved) return setSignedOut();
      try {
        const me = await apiRequest<MeAnswer>('/api/auth/me', { token: saved });
        performance.mark('caseway:signed-in');
        setSignedIn(saved, me.user);
      } catch {
        await host.saveToken(null);
        setSignedOut();
      }
    })();
  }, [host, setSignedIn, setSignedOut]);

  // The next user starts with a fresh workspace: no tabs of the previous one's records.
  const signedOut = useCallback(() => {
    useUi.setState({ view: initialUiState.view, tabs: [], activeTab: null, listOrder: [], searchText: '' });
    setSignedOut();
  }, [setSignedOut]);

  const onUnauthenticated = useCallback(() => {
    void host.saveToken(null).then(signedOut);
  }, [host, signedOut]);

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
    signedOut();
  }, [host, token, signedOut]);

  if (status === 'starting') return <p aria-live="polite">{t('app.starting')}</p>;
  if (status === 'signedOut' || !token || !user) return <LoginScreen host={host} />;
  return <Workspace user={user} sync={sync} onSignOut={() => void signOut()} />;
}
