/**
 * What the renderer needs from where it runs, chosen once at start (`chooseHost`). In a browser the
 * session token lives in sessionStorage and there are no deep links, menu commands, sync status to
 * show outside the page or log file; in the desktop shell the preload bridge (`window.caseway`)
 * keeps the token in the OS keychain, shows OS notifications, delivers `caseway://` deep links and
 * menu and tray commands, shows the sync status in the tray and writes the app's log file.
 */
import { rendererLogEntrySchema, shellCommandSchema, syncStatusReportSchema, type CasewayBridge, type RendererLogEntry, type ShellCommand, type SyncStatusReport } from '../../shared/ipc/bridge';
import { deepLinkActionSchema, type DeepLinkAction } from '../../shared/ipc/deepLinks';

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
  /** Listens for `caseway://` deep links; returns the unsubscribe. A browser has none and never calls it. */
  onDeepLink(listener: (action: DeepLinkAction) => void): () => void;
  /** Tells the desktop shell the sync state its tray and menu show; a browser shows none. Send it only when it changed. */
  reportSyncStatus(status: SyncStatusReport): void;
  /** Listens for the shell's menu and tray commands; returns the unsubscribe. A browser has none and never calls it. */
  onCommand(listener: (command: ShellCommand) => void): () => void;
  /** A line in the desktop app's log file (no secrets, no personal data); a browser keeps none. */
  log(level: RendererLogEntry['level'], message: string): void;
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
  onDeepLink: () => () => undefined,
  reportSyncStatus: () => undefined,
  onCommand: () => () => undefined,
  log: () => undefined,
};

/** Clips text to what the bridge's schemas accept, so a long case description never loses the whole message. */
function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The desktop shell's host over its preload bridge; refusals from main become logged warnings, never thrown. */
export function desktopHost(bridge: CasewayBridge): Host {
  const log = (level: RendererLogEntry['level'], message: string): void => {
    const entry = rendererLogEntrySchema.safeParse({ level, message: clip(message, 2000) });
    if (entry.success) bridge.log(entry.data);
  };
  const warn = (message: string): void => {
    console.warn(message);
    log('warn', message);
  };
  return {
    kind: 'desktop',
    loadToken: async () => {
      const result = await bridge.loadToken();
      if (!result.ok) warn(`session token not loaded: ${result.error.message}`);
      return result.ok ? result.value : null;
    },
    saveToken: async (token) => {
      const result = await bridge.saveToken(token);
      if (!result.ok) warn(`session token not saved: ${result.error.message}`);
      else if (!result.value.isPersisted && result.value.reason !== 'cleared') warn(`session token kept for this run only: ${result.value.reason}`);
    },
    notify: (title, body) => bridge.notify({ title: clip(title, 120), body: clip(body, 400) }),
    notificationPermission: () => 'granted',
    requestNotificationPermission: () => Promise.resolve('granted'),
    // Checked again at this edge: the renderer trusts the schema, not the wire.
    onDeepLink: (listener) =>
      bridge.onDeepLink((action) => {
        const parsed = deepLinkActionSchema.safeParse(action);
        if (parsed.success) listener(parsed.data);
      }),
    // Checked before it leaves: main would refuse a malformed report, and the tray would go stale.
    reportSyncStatus: (status) => {
      const parsed = syncStatusReportSchema.safeParse(status);
      if (parsed.success) bridge.reportSyncStatus(parsed.data);
      else warn(`sync status not reported: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
    },
    onCommand: (listener) =>
      bridge.onCommand((command) => {
        const parsed = shellCommandSchema.safeParse({ command });
        if (parsed.success) listener(parsed.data.command);
      }),
    log,
  };
}

let chosen: Host | null = null;

/** The desktop host when the preload bridge is there, else the web host; the same one for the app's life. */
export function chooseHost(): Host {
  chosen ??= typeof window !== 'undefined' && window.caseway ? desktopHost(window.caseway) : webHost;
  return chosen;
}
