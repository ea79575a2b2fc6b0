/**
 * The desktop shell's main process: one secure window per workspace (a central store, named by
 * its origin) showing the workstation that store serves, each with its own remembered bounds;
 * `caseway://` deep links to the current window; the session token in the OS
 * keychain; OS notifications; a rotating log and problem reports; the application menu and the
 * tray showing the sync state the renderer reports; updates from the central store. The logic
 * lives in plain modules tested in Node (see CONTEXT.md); this file only wires them to Electron.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { arch, release } from 'node:os';
import { join, resolve } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, Notification, safeStorage, screen, session, shell, Tray, type MessageBoxOptions, type NativeImage } from 'electron';
import { autoUpdater } from 'electron-updater';
import { ipcChannels, type ShellCommand } from '../shared/ipc/bridge';
import { buildCrashReport, redact } from './crashReport';
import { createDeepLinkDispatcher, deepLinkScheme, findDeepLinkInArgv } from './deepLinks';
import { nodeBinaryFileStore, nodeTextFileStore } from './files';
import { hardenContents, hardenSession, type HardeningOptions } from './hardening';
import { createIpcRegistry, type IpcRegistry } from './ipc';
import { createWorkspaceTokenKeepers, registerTokenHandlers } from './keychain';
import { createRotatingLog, openLogFolder } from './logging';
import { applicationMenuTemplate } from './menu';
import { registerNotifications } from './notifications';
import { aboutBox, problemReportFailedBox, shellActions, updateNoticeBox } from './shellCommands';
import { createShellState, initialSyncStatus, type ShellSnapshot, type ShellState } from './shellState';
import { trayIconName, trayMenuTemplate, trayTooltip } from './tray';
import { trayImagePath, type TrayImageName } from './trayImages';
import { createRendererRecovery } from './rendererRecovery';
import { bakedFeedUrl, createUpdateController } from './updates';
import { isAllowedNavigation, secureWindowOptions } from './windowOptions';
import { loadWindowState, trackWindowState, windowStateFileName } from './windowState';
import { createWindowRegistry, type WorkspaceWindow } from './windowRegistry';
import { loadWorkspaces, saveOpenWorkspaces, statusWorkspaceName, workspacesFileName } from './workspaces';

const userData = app.getPath('userData');
const log = createRotatingLog({ dir: join(userData, 'logs'), baseName: 'caseway', maxBytes: 1_000_000, maxFiles: 5, now: () => new Date() });
const logMain = (level: 'info' | 'warn' | 'error', message: string): void => log.write(level, 'main', message);
const appName = 'Caseway';
const workspacesPath = join(userData, workspacesFileName);
/** A packaged app's update feed as electron-builder baked it (`app-update.yml`, from CASEWAY_STORE_URL); null in development. */
const bakedFeed = ((): string | null => {
  if (!app.isPackaged) return null;
  try {
    return bakedFeedUrl(readFileSync(join(process.resourcesPath, 'app-update.yml'), 'utf8'));
  } catch {
    return null;
  }
})();
/**
 * The workspaces of this run: CASEWAY_SERVER_URL's (the first is the default) and
 * userData/workspaces.json's; with none, a packaged app's own store (its feed's origin).
 */
const config = loadWorkspaces({ store: nodeTextFileStore, path: workspacesPath, environment: process.env.CASEWAY_SERVER_URL, ...(bakedFeed ? { fallback: new URL(bakedFeed).origin } : {}), log: logMain });
/** A crashed renderer is reloaded, up to twice in five minutes per workspace. */
const recovery = createRendererRecovery({ maxCrashes: 3, windowMs: 5 * 60_000, now: () => Date.now() });
/** Set once the app is ready (it builds menus); follows the current window's workspace. */
let shellState: ShellState | null = null;
/** At most one window per workspace; remembers which were open for the next start. */
const windows = createWindowRegistry<BrowserWindow>({
  create: createWindow,
  onOpenSetChange: (open) => saveOpenWorkspaces(nodeTextFileStore, workspacesPath, open, (error) => logMain('warn', `open workspaces not remembered: ${String(error)}`)),
  onMostRecentChange: (workspace) => shellState?.show(workspace),
});
const hardening: HardeningOptions = {
  // Each contents may show only its own window's workspace; contents of no window, nothing.
  workspaceOf: (contents) => windows.forContents(contents.id)?.workspace ?? null,
  openExternal: (url) => void shell.openExternal(url),
  onRefused: (what) => logMain('warn', `refused: ${what}`),
};
/** Held for the app's lifetime: a collected Tray disappears from the notification area. */
let tray: Tray | null = null;

/** Where menu and tray commands and deep links go: the focused window, else the most recently focused. */
function currentWindow(): WorkspaceWindow<BrowserWindow> | null {
  return windows.focused() ?? windows.mostRecent();
}

/** Brings `workspace`'s window forward (restored if minimised), or opens and loads one. */
function openWorkspace(workspace: string): void {
  if (!config.workspaces.includes(workspace)) {
    logMain('warn', `workspace ${workspace} is not configured; no window opened`);
    return;
  }
  const { window, isNew } = windows.open(workspace);
  // Loaded only once registered: the hardening asks the registry which origin the window may show.
  if (isNew) window.loadURL(workspace).catch((error: unknown) => logMain('error', `${workspace} did not load: ${String(error)}`));
}

/** The tray's "Show", a second start without a link: the current window, else the default workspace's. */
function showCurrentWindow(): void {
  const current = currentWindow();
  if (current) openWorkspace(current.workspace);
  else if (app.isReady()) openWorkspace(config.defaultWorkspace);
}

// The link itself is not logged: it may carry a caller's number.
const deepLinks = createDeepLinkDispatcher({
  target: () => currentWindow()?.workspace ?? null,
  focus: openWorkspace,
  // Before the app is ready, start() opens the windows; the first to load takes the link.
  noWindow: () => {
    if (app.isReady()) openWorkspace(config.defaultWorkspace);
  },
  onRefused: (_link, error) => logMain('warn', `deep link refused: ${error.code} at ${error.path}: ${error.message}`),
});

/** A window for `workspace` with its remembered bounds (the registry calls it; openWorkspace loads it). */
function createWindow(workspace: string): BrowserWindow {
  const options = secureWindowOptions(join(__dirname, 'preload.cjs'));
  const workAreas = [screen.getPrimaryDisplay().workArea, ...screen.getAllDisplays().map((display) => display.workArea)];
  const statePath = join(userData, windowStateFileName);
  const state = loadWindowState(nodeTextFileStore, statePath, workspace, workAreas, options);
  const window = new BrowserWindow({ ...options, ...state.bounds });
  if (state.isMaximized) window.maximize();
  trackWindowState(window, { store: nodeTextFileStore, path: statePath, workspace, debounceMs: 500, onError: (error) => logMain('warn', `window state not saved: ${String(error)}`) });
  window.webContents.on('did-finish-load', () => deepLinks.attach(workspace, (action) => window.webContents.send(ipcChannels.deepLink, action)));
  window.webContents.on('console-message', (details) => {
    if (details.level === 'warning' || details.level === 'error') log.write(details.level === 'error' ? 'error' : 'warn', 'renderer', redact(details.message));
  });
  // Windows log-off or shutdown closes windows without before-quit: they stay remembered.
  window.on('session-end', () => windows.quitting());
  window.webContents.on('did-fail-load', (_event, code, description, _url, isMainFrame) => {
    if (isMainFrame) logMain('error', `${workspace} failed to load: ${description} (${code})`);
  });
  window.on('closed', () => {
    recovery.forget(workspace);
    deepLinks.detach(workspace);
    shellState?.forget(workspace);
  });
  window.once('ready-to-show', () => window.show());
  return window;
}

/** Writes a problem report (no personal data) into userData/problem-reports; returns its path. */
export function saveProblemReport(reason: string): string | null {
  try {
    const dir = join(userData, 'problem-reports');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const now = new Date();
    const path = join(dir, `caseway-report-${now.toISOString().replace(/[:.]/g, '-')}.txt`);
    const versions = { app: app.getVersion(), electron: process.versions.electron ?? '', chrome: process.versions.chrome ?? '', node: process.versions.node };
    writeFileSync(path, buildCrashReport({ reason, now, versions, os: { platform: process.platform, release: release(), arch: arch() }, logLines: log.tail(200) }), { mode: 0o600 });
    return path;
  } catch (error) {
    logMain('error', `problem report not written: ${String(error)}`);
    return null;
  }
}

/** The menu's "Open log folder". */
export const openLogs = (): Promise<{ ok: true } | { ok: false; error: string }> => openLogFolder((path) => shell.openPath(path), log);

/** A menu or tray command the current window carries out (its preload checks it against shellCommandSchema). */
function sendToWindow(command: ShellCommand): boolean {
  const current = currentWindow();
  if (!current || current.window.isDestroyed()) return false;
  current.window.webContents.send(ipcChannels.command, { command });
  return true;
}

function showBox(options: MessageBoxOptions): void {
  const parent = currentWindow()?.window;
  const shown = parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options);
  shown.catch((error: unknown) => logMain('warn', `message box not shown: ${String(error)}`));
}

function trayImage(name: TrayImageName): NativeImage {
  // A development run (dist/electron/main.cjs) reads them from the source tree, two folders up.
  const path = trayImagePath(name, { isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, sourceRoot: resolve(__dirname, '..', '..') });
  const image = nativeImage.createFromPath(path);
  if (image.isEmpty()) logMain('warn', `tray image ${name} not found at ${path}`);
  return image;
}

/**
 * The application menu and the tray, rebuilt when what they show changes (the current
 * workspace's sync state its renderer reports on caseway:sync.status, the update check, the
 * "last synced" label's age), and the update checks, from the default workspace's store. Runs
 * once the app is ready (Menu and Tray need it).
 */
function startDesktopShell(registry: IpcRegistry): void {
  const actions = shellActions({
    sendToWindow,
    showWindow: showCurrentWindow,
    openWorkspace,
    openLogFolder: openLogs,
    saveProblemReport: () => saveProblemReport('requested by the user'),
    showReport: (path) => shell.showItemInFolder(path),
    problemReportFailed: () => showBox(problemReportFailedBox(appName)),
    checkForUpdates: () => updates.menuClick(),
    about: () => showBox(aboutBox({ appName, versions: { app: app.getVersion(), electron: process.versions.electron ?? '', chrome: process.versions.chrome ?? '', node: process.versions.node }, workspace: currentWindow()?.workspace ?? config.defaultWorkspace })),
    quit: () => app.quit(),
    log: logMain,
  });
  const render = ({ workspace, sync, updateCheck }: ShellSnapshot): void => {
    const now = new Date();
    Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate({ platform: process.platform, appName, isPackaged: app.isPackaged, workspace, workspaces: config.workspaces, sync, updateCheck, now }, actions.menu)));
    if (!tray) return;
    const workspaceName = statusWorkspaceName(workspace, config.workspaces);
    tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate({ appName, workspaceName, sync, now }, actions.tray)));
    tray.setToolTip(trayTooltip(appName, workspaceName, sync));
    tray.setImage(trayImage(trayIconName(sync)));
  };
  const state = createShellState({ updateCheck: 'idle', now: () => new Date(), onChange: render });
  state.show(currentWindow()?.workspace ?? null);
  shellState = state;
  const updates = createUpdateController({
    updater: autoUpdater,
    isPackaged: app.isPackaged,
    // Updates are code: only from the feed baked into the package, never from run-time settings.
    feedUrl: bakedFeed,
    // Windows closed by the restart stay remembered (before-quit comes after they closed).
    beforeInstall: () => windows.quitting(),
    intervalMs: 4 * 60 * 60 * 1000,
    log: logMain,
    onChange: (check) => state.setUpdateCheck(check),
    onUserNotice: (notice) => showBox(updateNoticeBox(appName, notice)),
  });
  try {
    tray = new Tray(trayImage(trayIconName(initialSyncStatus)));
    // Windows' convention: a click on the icon brings the window back; the menu is on the right button.
    if (process.platform === 'win32') tray.on('click', showCurrentWindow);
  } catch (error) {
    logMain('warn', `no tray icon: ${String(error)}`);
  }
  render(state.snapshot());
  // The sender's workspace is a configured one (the registry checked); a closing window's last word is dropped.
  registry.on(ipcChannels.syncStatus, (report, sender) => {
    if (windows.get(sender.origin)) state.reportSync(sender.origin, report);
  });
  setInterval(() => state.tick(), 60_000);
  updates.start();
}

app.enableSandbox();
// One instance: a second one (started by a deep link on Windows and Linux) hands over its argv and quits.
if (!app.requestSingleInstanceLock()) app.quit();
else start();

function start(): void {
  // In development Electron runs our script: the OS must start it with that script to open a link.
  if (process.defaultApp && process.argv[1]) app.setAsDefaultProtocolClient(deepLinkScheme, process.execPath, [resolve(process.argv[1])]);
  else app.setAsDefaultProtocolClient(deepLinkScheme);
  // macOS hands links to the running app (and to one being launched, before ready) by open-url.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    deepLinks.open(url);
  });
  // Windows and Linux start a second instance with the link in argv; it quits and we get its argv.
  app.on('second-instance', (_event, argv) => {
    const link = findDeepLinkInArgv(argv);
    if (link) deepLinks.open(link);
    else showCurrentWindow();
  });
  const launchLink = findDeepLinkInArgv(process.argv);
  if (launchLink) deepLinks.open(launchLink);
  // Every web contents, whoever creates it: navigation within its own workspace only, no windows, no webviews.
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, hardening));
  app.on('render-process-gone', (_event, contents, details) => {
    const entry = windows.forContents(contents.id);
    logMain('error', `the renderer of ${entry?.workspace ?? 'a window'} stopped: ${details.reason} (exit code ${details.exitCode})`);
    saveProblemReport(`renderer stopped: ${details.reason}`);
    if (!entry || details.reason === 'clean-exit') return;
    // Links wait for the reloaded page (did-finish-load attaches it again), not for the dead one.
    deepLinks.reloading(entry.workspace);
    if (recovery.crashed(entry.workspace) === 'reload') entry.window.webContents.reload();
    else showBox({ type: 'error', title: appName, message: `${appName} stopped working for ${entry.workspace} several times.`, detail: 'A problem report was saved (Help → Open log folder). Close this window and open the workspace again, or restart the app.' });
  });
  app.on('child-process-gone', (_event, details) => {
    if (details.reason !== 'clean-exit') logMain('error', `${details.type} process stopped: ${details.reason} (exit code ${details.exitCode})`);
  });
  // Windows shows notifications only for an app with its own user model id (the installer's).
  if (process.platform === 'win32') app.setAppUserModelId('org.caseway.workstation');
  void app.whenReady().then(() => {
    logMain('info', `Caseway ${app.getVersion()} started (Electron ${process.versions.electron ?? ''}, ${process.platform})`);
    hardenSession(session.defaultSession, (what) => logMain('warn', `refused: ${what}`));
    const registry = createIpcRegistry({
      ipcMain,
      // Any configured workspace's page; what is per workspace (token, sync state) follows the sender's origin.
      isTrustedUrl: (url) => config.workspaces.some((workspace) => isAllowedNavigation(url, workspace)),
      // And only from the window the app opened for that workspace (not a stray web contents).
      isOwnWindow: (contentsId, origin) => windows.forContents(contentsId)?.workspace === origin,
      onRefused: (refusal) => logMain('warn', `IPC ${refusal.channel} refused (${refusal.reason} at ${refusal.path}): ${refusal.message}`),
    });
    registerNotifications(registry, Notification, (outcome) => {
      if (!outcome.shown) logMain('info', `notification not shown: ${outcome.reason}`);
    });
    // safeStorage can only tell whether it can encrypt once the app is ready.
    registerTokenHandlers(registry, createWorkspaceTokenKeepers({ safeStorage, platform: process.platform, files: nodeBinaryFileStore, dir: join(userData, 'session-tokens'), log: logMain }));
    registry.on(ipcChannels.log, (entry) => log.write(entry.level, 'renderer', redact(entry.message)));
    startDesktopShell(registry);
    logMain('info', `workspaces: ${config.workspaces.join(', ')} (default ${config.defaultWorkspace})`);
    // The windows open when the app last quit, else the default workspace's.
    for (const workspace of config.reopen.length > 0 ? config.reopen : [config.defaultWorkspace]) openWorkspace(workspace);
    app.on('activate', () => {
      if (windows.workspaces().length === 0) openWorkspace(config.defaultWorkspace);
    });
  });
  // Windows closed by quitting stay remembered, to reopen at the next start.
  app.on('before-quit', () => windows.quitting());
  app.on('window-all-closed', () => app.quit());
}
