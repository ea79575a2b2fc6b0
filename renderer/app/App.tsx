import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeAnswer } from '../../shared/api/auth';
import { ApiRequestError, apiRequest } from '../api/client';
import { LoginScreen } from '../auth/LoginScreen';
import { closeDeviceDb, forgetSignIn } from '../auth/offlineSession';
import { wipeRevokedDevice } from '../auth/deviceWipe';
import type { Host } from '../platform/host';
import { Workspace } from '../shell/Workspace';
import { useSession, type SignInNotice } from './sessionStore';
import { initialUiState, useUi } from './uiStore';
import { startSync, type SyncSession } from './syncClient';

export function App({ host }: { host: Host }) {
  const { status, token, user, offlineUntil, setSignedIn, setSignedOut } = useSession();
  const { t } = useTranslation();
  const [sync, setSync] = useState<SyncSession | null>(null);

  // The next user starts with a fresh workspace: no tabs of the previous one's records.
  const signedOut = useCallback(
    (notice: SignInNotice | null = null) => {
      useUi.setState({ view: initialUiState.view, tabs: [], activeTab: null, listOrder: [], searchText: '' });
      setSignedOut(notice);
    },
    [setSignedOut],
  );

  /** An administrator revoked this device: report the queued work, delete every cache, sign out. */
  const onRevoked = useCallback(
    (revokedToken: string | null) => {
      void (async () => {
        setSync((current) => {
          current?.stop();
          return null;
        });
        closeDeviceDb();
        await host.saveToken(null);
        const outcome = await wipeRevokedDevice(revokedToken);
        signedOut(outcome.wiped ? { kind: 'wiped', queued: outcome.queued, files: outcome.files } : { kind: 'wipePending', reason: outcome.message });
      })();
    },
    [host, signedOut],
  );

  useEffect(() => {
    void (async () => {
      const saved = await host.loadToken();
      if (!saved) return setSignedOut();
      try {
        const me = await apiRequest<MeAnswer>('/api/auth/me', { token: saved });
        performance.mark('caseway:signed-in');
        setSignedIn(saved, me.user);
      } catch (error) {
        if (error instanceof ApiRequestError && error.code === 'device_revoked') return onRevoked(saved);
        // Offline, or the session ended: the sign-in screen unlocks offline with the password.
        await host.saveToken(null);
        setSignedOut();
      }
    })();
  }, [host, setSignedIn, setSignedOut, onRevoked]);

  const onUnauthenticated = useCallback(() => {
    void forgetSignIn()
      .then(() => host.saveToken(null))
      .then(() => signedOut());
  }, [host, signedOut]);

  useEffect(() => {
    if (!user || !token) return;
    const session = startSync(user, token, onUnauthenticated, () => onRevoked(token));
    setSync(session);
    return () => {
      session.stop();
      setSync(null);
    };
  }, [user, token, onUnauthenticated, onRevoked]);

  const signOut = useCallback(async () => {
    if (token) await apiRequest('/api/auth/logout', { method: 'POST', token }).catch(() => undefined);
    await forgetSignIn();
    await host.saveToken(null);
    signedOut();
  }, [host, token, signedOut]);

  if (status === 'starting') return <p aria-live="polite">{t('app.starting')}</p>;
  if (status === 'signedOut' || !token || !user) return <LoginScreen host={host} onRevoked={onRevoked} />;
  return <Workspace user={user} sync={sync} offlineUntil={offlineUntil} onSignOut={() => void signOut()} />;
}
