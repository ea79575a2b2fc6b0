import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoginAnswer } from '../../shared/api/auth';
import { ApiRequestError, apiRequest } from '../api/client';
import { useSession } from '../app/sessionStore';
import type { Host } from '../platform/host';
import { deviceId } from '../app/syncClient';
import { isMarkedRevoked } from './deviceWipe';
import { rememberSignIn, unlockOffline } from './offlineSession';

type Props = { host: Host; onRevoked: (token: string | null) => void };

export function LoginScreen({ host, onRevoked }: Props) {
  const { t, i18n } = useTranslation();
  const setSignedIn = useSession((s) => s.setSignedIn);
  const notice = useSession((s) => s.notice);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  /** Without the store: the password opens what this device kept of the user's last sign-in. */
  async function signInOffline(): Promise<void> {
    if (isMarkedRevoked()) return setError(t('login.revokedLocked'));
    const result = await unlockOffline(username, password);
    if (result.ok) {
      await host.saveToken(result.token);
      setSignedIn(result.token, result.user, result.offlineUntil);
      return;
    }
    const until = result.offlineUntil ? new Date(result.offlineUntil).toLocaleString(i18n.language) : '';
    setError(t(`login.unlock_${result.reason}`, { until, count: result.attemptsLeft ?? 0 }));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setIsBusy(true);
    setError(null);
    try {
      const answer = await apiRequest<LoginAnswer>('/api/auth/login', { method: 'POST', body: { username, password, deviceName: navigator.userAgent.includes('Electron') ? 'Caseway desktop' : 'Browser', deviceId: deviceId() }, token: null });
      await host.saveToken(answer.token);
      // Sealed with the password before the workspace opens, so the next offline start can unlock.
      await rememberSignIn(username, password, answer);
      setSignedIn(answer.token, answer.user);
    } catch (e) {
      if (e instanceof ApiRequestError && e.status === 0) await signInOffline();
      else if (e instanceof ApiRequestError && e.code === 'device_revoked') {
        // This device was revoked while it was away: report its queued work (with the session the password opens) and wipe it.
        const vault = await unlockOffline(username, password, { allowExpired: true }).catch(() => null);
        onRevoked(vault?.ok ? vault.token : null);
      } else setError(e instanceof ApiRequestError ? e.message : t('login.failed'));
    } finally {
      setIsBusy(false);
    }
  }

  return (
    <main className="login">
      <form className="login-card" onSubmit={(e) => void submit(e)} aria-labelledby="login-title">
        <h1 id="login-title">{t('app.name')}</h1>
        <p className="muted">{t('login.subtitle')}</p>
        {notice && (
          <p role="status" className="notice">
            {notice.kind === 'wiped' ? t('login.wiped', { count: notice.queued, files: notice.files }) : t('login.wipePending', { reason: notice.reason })}
          </p>
        )}
        <label htmlFor="username">{t('login.username')}</label>
        <input id="username" name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required autoFocus />
        <label htmlFor="password">{t('login.password')}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={isBusy}>
          {isBusy ? t('login.signingIn') : t('login.signIn')}
        </button>
      </form>
    </main>
  );
}
