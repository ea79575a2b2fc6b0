/**
 * What the renderer needs from where it runs. In a browser the session token lives in
 * sessionStorage; the desktop shell (electron/) will provide an implementation backed by the OS
 * keychain through its preload bridge. Chosen once at start.
 */
import type { CasewayBridge } from '../../shared/ipc/bridge';

declare global {
  interface Window {
    /** The desktop shell's preload bridge; absent in a plain browser. */
    caseway?: CasewayBridge;
  }
}

/** Whether OS notifications may be shown: 'default' means nobody has been asked yet. */
export type NotificationPermissionState = 'granted' | 'denied' | 'default' | 'unsupported';

export type Host = {
  readonly kind: 'web' | 'desktop';
  loadToken(): Promise<string | null>;
  saveToken(token: string | null): Promise<void>;
  /** Shows an OS notification when allowed; never asks for permission by itself. */
  notify(title: string, body: string): void;
  notificationPermission(): NotificationPermissionState;
  /** Asks for permission to notify (call it only from a user's action). */
  requestNotificationPermission(): Promise<NotificationPermissionState>;
};

const tokenKey = 'caseway.session';

function bridgeNotify(): CasewayBridge['notify'] | undefined {
  return typeof window === 'undefined' ? undefined : window.caseway?.notify;
}

function browserPermission(): NotificationPermissionState {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

export const webHost: Host = {
  kind: 'web',
  loadToken: () => Promise.resolve(sessionStorage.getItem(tokenKey)),
  saveToken: (token) => {
    if (token === null) sessionStorage.removeItem(tokenKey);
    else sessionStorage.setItem(tokenKey, token);
    return Promise.resolve();
  },
  notify: (title, body) => {
    const desktop = bridgeNotify();
    if (desktop) return desktop({ title, body });
    // A browser notification only once the person has allowed it; the prompt is theirs to open.
    if (browserPermission() === 'granted') new Notification(title, { body });
  },
  notificationPermission: () => (bridgeNotify() ? 'granted' : browserPermission()),
  requestNotificationPermission: async () => {
    if (bridgeNotify()) return 'granted';
    if (browserPermission() === 'unsupported') return 'unsupported';
    return Notification.requestPermission();
  },
};

export function chooseHost(): Host {
  return webHost;
}
