/**
 * DESIGN §1 for every web contents and the session, whatever created them: navigation and
 * redirects only within the origin of the contents' own workspace (a window of one central store
 * never moves to another store, nor anywhere else; contents of no workspace go nowhere), no new
 * windows (an https link opens in the
 * user's browser instead), no <webview>, and every permission request and check denied. A plain
 * module over the few Electron members it uses, so a Node test drives it with stand-ins.
 */
import { isAllowedNavigation } from './windowOptions';

type PreventableEvent = { preventDefault(): void };
type WindowOpenDetails = { url: string };

/** The part of Electron's WebContents the hardening uses. */
export type ContentsLike = {
  readonly id: number;
  on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: WindowOpenDetails) => { action: 'deny' }): void;
};

/** The part of Electron's Session the hardening uses. */
export type SessionLike = {
  setPermissionRequestHandler(handler: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null): void;
  setPermissionCheckHandler(handler: ((contents: unknown, permission: string) => boolean) | null): void;
};

export type HardeningOptions = {
  /**
   * The origin of the workspace `contents` shows, asked at each navigation (a window's contents
   * is created before main knows its workspace); null for contents that are no workspace's.
   */
  workspaceOf: (contents: ContentsLike) => string | null;
  /** Opens a URL in the user's default browser (Electron's shell.openExternal). */
  openExternal: (url: string) => void;
  /** Told of every refusal, with what was refused (a URL's origin only: paths may carry personal data). */
  onRefused: (what: string) => void;
};

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'an invalid URL';
  }
}

/** Only https links leave the app, to the browser; nothing opens a window of ours. */
export function windowOpenDecision(url: string, options: HardeningOptions): { action: 'deny' } {
  if (url.startsWith('https://')) options.openExternal(url);
  else options.onRefused(`window for ${originOf(url)}`);
  return { action: 'deny' };
}

export function hardenContents(contents: ContentsLike, options: HardeningOptions): void {
  const guard = (kind: string) => (event: PreventableEvent, url: string) => {
    const workspace = options.workspaceOf(contents);
    if (workspace !== null && isAllowedNavigation(url, workspace)) return;
    event.preventDefault();
    options.onRefused(`${kind} to ${originOf(url)}`);
  };
  contents.on('will-navigate', guard('navigation'));
  contents.on('will-redirect', guard('redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    options.onRefused('webview');
  });
  contents.setWindowOpenHandler(({ url }) => windowOpenDecision(url, options));
}

/** No camera, microphone, geolocation, notifications API prompt, clipboard read, …: the app asks for none. */
export function hardenSession(session: SessionLike, onRefused: (what: string) => void): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    onRefused(`permission ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
}
