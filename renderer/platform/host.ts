/**
 * What the renderer needs from where it runs. In a browser the session token lives in
 * sessionStorage; the desktop shell (electron/) will provide an implementation backed by the OS
 * keychain through its preload bridge. Chosen once at start.
 */
export type Host = {
  readonly kind: 'web' | 'desktop';
  loadToken(): Promise<string | null>;
  saveToken(token: string | null): Promise<void>;
};

const tokenKey = 'caseway.session';

export const webHost: Host = {
  kind: 'web',
  loadToken: () => Promise.resolve(sessionStorage.getItem(tokenKey)),
  saveToken: (token) => {
    if (token === null) sessionStorage.removeItem(tokenKey);
    else sessionStorage.setItem(tokenKey, token);
    return Promise.resolve();
  },
};

export function chooseHost(): Host {
  return webHost;
}
