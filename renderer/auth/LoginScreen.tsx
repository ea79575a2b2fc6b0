import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoginAnswer } from '../../shared/api/auth';
import { ApiRequestError, apiRequest } from '../api/client';
import { useSession } from '../app/sessionStore';
import type { Host } from '../platform/host';
import { deviceId } from '../app/syncClient';

export function LoginScreen({ host }: { host: Host }) {
  const { t } = useTranslation();
  const setSignedIn = useSession((s) => s.setSignedIn);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setIsBusy(true);
    setError(null);
    try {
      const answer = await apiRequest<LoginAnswer>('/api/auth/login', { method: 'POST', body: { username, password, deviceName: navigator.userAgent.includes('Electron') ? 'Caseway desktop' : 'Browser', deviceId: deviceId() }, token: null });
      await host.saveToken(answer.token);
      setSignedIn(answer.token, answer.user);
    } catch (e) {
      setError(e instanceof ApiRequestError ? e.message : t('login.failed'));
    } finally {
      setIsBusy(false);
    }
  }

  return (
    <main className="login">
      <form className="login-card" onSubmit={(e) => void submit(e)} aria-labelledby="login-title">
        <h1 id="login-title">{t('app.name')}</h1>
        <p className="muted">{t('login.subtitle')}</p>
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
