/**
 * Updates from the central store: electron-updater's generic provider reading the feed baked into
 * the package at build time (`app-update.yml`, from CASEWAY_STORE_URL, https only; the store serves
 * it at `/updates/`, server/routes/updateRoutes.ts). Nothing at run time (an environment variable,
 * a workspace list the user can edit) can point the updater elsewhere. Followed as the
 * application menu's `UpdateCheckState`. Checks run only in a packaged app — at start, every
 * `intervalMs` and from the menu — one at a time; a found update downloads by itself and the menu
 * item then restarts into it (`quitAndInstall`). Nothing here throws: a failed check is logged and
 * the state goes back to idle. A plain module: main passes electron-updater's `autoUpdater`, the
 * tests an EventEmitter.
 */
import type { AppUpdater, ProgressInfo, UpdateDownloadedEvent, UpdateInfo } from 'electron-updater';
import type { UpdateCheckState } from './menu';

/** The updater's events followed here (the part of electron-updater's `AppUpdaterEvents` used). */
export type UpdaterEvents = {
  'checking-for-update': () => void;
  'update-available': (info: UpdateInfo) => void;
  'update-not-available': (info: UpdateInfo) => void;
  'download-progress': (info: ProgressInfo) => void;
  'update-downloaded': (event: UpdateDownloadedEvent) => void;
  error: (error: Error, message?: string) => void;
};

/** The part of electron-updater's AppUpdater used here (its `autoUpdater` is one). */
export type UpdaterLike = Pick<AppUpdater, 'autoDownload' | 'allowDowngrade' | 'logger' | 'checkForUpdates' | 'quitAndInstall'> & {
  on<E extends keyof UpdaterEvents>(event: E, listener: UpdaterEvents[E]): unknown;
};

/** Why a check asked for from the menu gives the user an answer; automatic checks stay quiet. */
export type UpdateNotice = { kind: 'upToDate' } | { kind: 'unavailable'; reason: 'notPackaged' | 'noFeed' } | { kind: 'failed'; message: string };

export type UpdateCheckTrigger = 'start' | 'schedule' | 'menu';

type LogLevel = 'info' | 'warn' | 'error';

export type UpdateOptions = {
  updater: UpdaterLike;
  /** app.isPackaged: a development run has no feed of its own and never updates. */
  isPackaged: boolean;
  /** The feed baked into the package (`app-update.yml`'s url), null when there is none. */
  feedUrl: string | null;
  /** Just before restarting into an update (main remembers its open windows first). */
  beforeInstall: () => void;
  intervalMs: number;
  log: (level: LogLevel, message: string) => void;
  onChange: (state: UpdateCheckState) => void;
  onUserNotice: (notice: UpdateNotice) => void;
};

export type UpdateController = {
  readonly state: UpdateCheckState;
  /** The first check and the periodic ones (packaged apps only). */
  start(): void;
  check(trigger: UpdateCheckTrigger): void;
  /** The menu item: install a downloaded update, else check now. */
  menuClick(): void;
  stop(): void;
};

/** The baked feed if it is an https URL, else null (updates are code: never over plain http). Never throws. */
export function acceptedFeedUrl(feedUrl: string | null): string | null {
  if (feedUrl === null) return null;
  try {
    return new URL(feedUrl).protocol === 'https:' ? feedUrl : null;
  } catch {
    return null;
  }
}

/** The `url:` of electron-builder's `app-update.yml` (a flat YAML map), or null. */
export function bakedFeedUrl(appUpdateYml: string | null): string | null {
  const match = appUpdateYml?.match(/^url:\s*['"]?([^'"\s]+)['"]?\s*$/m);
  return match?.[1] ?? null;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Downloads by itself, never to an older version, logs through main; the feed stays the baked one. */
export function configureUpdater(updater: UpdaterLike, log: UpdateOptions['log']): void {
  updater.autoDownload = true;
  updater.allowDowngrade = false;
  updater.logger = { info: (m: unknown) => log('info', `updater: ${String(m)}`), warn: (m: unknown) => log('warn', `updater: ${String(m)}`), error: (m: unknown) => log('error', `updater: ${String(m)}`) };
}

/** Why this run never checks, or null when it may. */
function unavailableReason(options: Pick<UpdateOptions, 'isPackaged'>, feedUrl: string | null): Extract<UpdateNotice, { kind: 'unavailable' }>['reason'] | null {
  if (!options.isPackaged) return 'notPackaged';
  return feedUrl ? null : 'noFeed';
}

const unavailableText = { notPackaged: 'the app is not packaged', noFeed: 'the package has no https update feed' } as const;

export function createUpdateController(options: UpdateOptions): UpdateController {
  const { updater, log } = options;
  const feedUrl = acceptedFeedUrl(options.feedUrl);
  let state: UpdateCheckState = 'idle';
  /** The running check was asked for from the menu: its outcome is told to the user. */
  let isUserWaiting = false;
  let timer: ReturnType<typeof setInterval> | null = null;

  const setState = (next: UpdateCheckState): void => {
    if (next === state) return;
    state = next;
    options.onChange(next);
  };
  const tellUser = (notice: UpdateNotice): void => {
    if (!isUserWaiting) return;
    isUserWaiting = false;
    options.onUserNotice(notice);
  };
  const fail = (error: unknown): void => {
    const message = messageOf(error);
    log('error', `update failed: ${message}`);
    setState('idle');
    tellUser({ kind: 'failed', message });
  };

  const unavailable = unavailableReason(options, feedUrl);
  configureUpdater(updater, log);
  updater.on('checking-for-update', () => setState('checking'));
  updater.on('update-available', (info) => {
    log('info', `update ${info.version} found; downloading`);
    isUserWaiting = false; // the menu item now says it is downloading
    setState('downloading');
  });
  updater.on('update-not-available', () => {
    setState('idle');
    tellUser({ kind: 'upToDate' });
  });
  updater.on('download-progress', () => setState('downloading'));
  updater.on('update-downloaded', (event) => {
    log('info', `update ${event.version} downloaded; installs on restart`);
    setState('readyToInstall');
  });
  // electron-updater reports a failed check both here and by rejecting checkForUpdates(), a failed
  // download only here. An 'error' listener also keeps the EventEmitter from throwing.
  updater.on('error', (error) => fail(error));

  const check = (trigger: UpdateCheckTrigger): void => {
    const isUser = trigger === 'menu';
    if (unavailable) {
      log('info', `update check skipped (${trigger}): ${unavailableText[unavailable]}`);
      if (isUser) options.onUserNotice({ kind: 'unavailable', reason: unavailable });
      return;
    }
    // One at a time; a downloaded update waits for the restart.
    if (state !== 'idle') return;
    isUserWaiting = isUser;
    setState('checking');
    let checking: ReturnType<UpdaterLike['checkForUpdates']>;
    try {
      checking = updater.checkForUpdates();
    } catch (error) {
      return fail(error);
    }
    checking.then(
      (result) => {
        // Its failure is reported by the 'error' event; unhandled, the rejection would reach the process.
        void result?.downloadPromise?.catch(() => undefined);
        // No event followed (the updater declined to check): nothing is running.
        if (state === 'checking') setState('idle');
      },
      (error: unknown) => {
        // Usually the 'error' event came first and said it all.
        if (state !== 'idle') fail(error);
      },
    );
  };

  return {
    get state() {
      return state;
    },
    start() {
      if (unavailable) return log(unavailable === 'noFeed' ? 'warn' : 'info', `updates are off: ${unavailableText[unavailable]}`);
      check('start');
      if (timer === null) timer = setInterval(() => check('schedule'), options.intervalMs);
    },
    check,
    menuClick() {
      if (state !== 'readyToInstall') return check('menu');
      log('info', 'restarting to install the update');
      isUserWaiting = true; // if it cannot, the user who clicked is told
      try {
        options.beforeInstall();
        updater.quitAndInstall();
      } catch (error) {
        fail(error);
      }
    },
    stop() {
      if (timer !== null) clearInterval(timer);
      timer = null;
    },
  };
}
