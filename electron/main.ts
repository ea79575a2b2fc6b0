/**
 * The desktop shell's main process: one secure window showing the workstation served by the
 * central store, remembered per workspace; `caseway://` deep links; the session token in the OS
 * keychain; OS notifications; a rotating log and problem reports; the application menu and the
 * tray showing the sync state the renderer reports; updates from the central store. The logic
 * lives in plain modules tested in Node (see CONTEXT.md); this file only wires them to Electron.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { arch, release } from 'node:os';
import { join, resolve } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, Notification, safeStorage, screen, session, shell, Tray, type MessageBoxOptions, type NativeImage } from 'electron';
import { autoUpdater } from 'electron-updater';
import { ipcChannels, type ShellCommand } from '../shared/ipc/bridge';
import { buildCrashReport } from './crashReport';
import { createDeepLinkDispatcher, deepLinkScheme, findDeepLinkInArgv } from './deepLinks';
import { nodeBinaryFileStore, nodeTextFileStore } from './files';
import { hardenContents, hardenSession, type HardeningOptions } from './hardening';
import { createIpcRegistry, type IpcRegistry } from './ipc';
import { createTokenKeeper, registerTokenHandlers } from './keychain';
import { createRotatingLog, openLogFolder } from './logging';
import { applicationMenuTemplate } from './menu';
import { registerNotifications } from './notifications';
import { aboutBox, problemReportFailedBox, shellActions, updateNoticeBox } from './shellCommands';
import { createShellState, initialSyncStatus, type ShellSnapshot } from './shellState';
import { trayIconName, trayMenuTemplate, trayTooltip } from './tray';
import { trayImagePath, type TrayImageName } from './trayImages';
import { createUpdateController } from './updates';
import { isAllowedNavigation, secureWindowOptions } from './windowOptions';
import { loadWindowState, trackWindowState, windowStateFileName } from './windowState';

const serverUrl = process.env.CASEWAY_SERVER_URL ?? 'http://localhost:4310';
/** A workspace is the central store the window shows; each remembers its own window. */
const workspace = new URL(serverUrl).origin;
const userData = app.getPath('userData');
const log = createRotatingLog({ dir: join(userData, 'logs'), baseName: 'caseway', maxBytes: 1_000_000, maxFiles: 5, now: () => new Date() });
const logMain = (level: 'info' | 'warn' | 'error', message: string): void => log.write(level, 'main', message);
const appName = 'Caseway';
let mainWindow: BrowserWindow | null = null;
const hardening: HardeningOptions = {
  appOrigin: serverUrl,
  openExternal: (url) => void shell.openExternal(url),
  onRefused: (what) => logMain('warn', `refused: ${what}`),
};
/** Held for the app's lifetime: a collected Tray disappears from the notification area. */
let tray: Tray | null = null;

function focusWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

// The link itself is not logged: it may carry a caller's number.
const deepLinks = createDeepLinkDispatcher({ focus: focusWindow, onRefused: (_link, error) => logMain('warn', `deep link refused: ${error.code} at ${error.path}: ${error.message}`) });

function createWindow(): void {
  const options = secureWindowOptions(join(__dirname, 'preload.cjs'));
  const workAreas = [screen.getPrimaryDisplay().workArea, ...screen.getAllDisplays().map((display) => display.workArea)];
  const statePath = join(userData, windowStateFileName);
  const state = loadWindowState(nodeTextFileStore, statePath, workspace, workAreas, options);
  const window = new BrowserWindow({ ...options, ...state.bounds });
  mainWindow = window;
  if (state.isMaximized) window.maximize();
  trackWindowState(window, { store: nodeTextFileStore, path: statePath, workspace, debounceMs: 500, onError: (error) => logMain('warn', `window state not saved: ${String(error)}`) });
  window.webContents.on('did-finish-load', () => deepLinks.attach((action) => window.webContents.send(ipcChannels.deepLink, action)));
  window.webContents.on('console-message', (details) => {
    if (details.level === 'warning' || details.level === 'error') log.write(details.level === 'error' ? 'error' : 'warn', 'renderer', details.message);
  });
  window.on('closed', () => {
    deepLinks.detach();
    mainWindow = null;
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(serverUrl);
}

/** Writes a problem report (no personal data) into userData/problem-reports; returns its path. */
export function saveProblemReport(reason: string): string | null {
  try {
    const dir = join(userData, 'problem-reports');
    mkdirSync(dir, { recursive: true });
    const now = new Date();
    const path = join(dir, `caseway-report-${now.toISOString().replace(/[:.]/g, '-')}.txt`);
    const versions = { app: app.getVersion(), electron: process.versions.electron ?? '', chrome: process.versions.chrome ?? '', node: process.versions.node };
    writeFileSync(path, buildCrashReport({ reason, now, versions, os: { platform: process.platform, release: release(), arch: arch() }, logLines: log.tail(200) }));
    return path;
  } catch (error) {
    logMain('error', `problem report not written: ${String(error)}`);
    return null;
  }
}

/** The menu's "Open log folder". */
export const openLogs = (): Promise<{ ok: true } | { ok: false; error: string }> => openLogFolder((path) => shell.openPath(path), log);

/** A menu or tray command the window carries out (its preload checks it against shellCommandSchema). */
function sendToWindow(command: ShellCommand): boolean {
  if (!mainWindow || mainWindow.isDestroyed()) return false;
  mainWindow.webContents.send(ipcChannels.command, { command });
  return true;
}

function showBox(options: MessageBoxOptions): void {
  const shown = mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options);
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
 * The application menu and the tray, rebuilt when what they show changes (the sync state the
 * renderer reports on caseway:sync.status, the update check, the "last synced" label's age), and
 * the update checks. Runs once the app is ready (Menu and Tray need it).
 */
function startDesktopShell(registry: IpcRegistry): void {
  const actions = shellActions({
    sendToWindow,
    showWindow: focusWindow,
    openLogFolder: openLogs,
    saveProblemReport: () => saveProblemReport('requested by the user'),
    showReport: (path) => shell.showItemInFolder(path),
    problemReportFailed: () => showBox(problemReportFailedBox(appName)),
    checkForUpdates: () => updates.menuClick(),
    about: () => showBox(aboutBox({ appName, versions: { app: app.getVersion(), electron: process.versions.electron ?? '', chrome: process.versions.chrome ?? '', node: process.versions.node }, workspace })),
    quit: () => app.quit(),
    log: logMain,
  });
  const render = ({ sync, updateCheck }: ShellSnapshot): void => {
    const now = new Date();
    Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate({ platform: process.platform, appName, isPackaged: app.isPackaged, sync, updateCheck, now }, actions.menu)));
    if (!tray) return;
    tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate({ appName, sync, now }, actions.tray)));
    tray.setToolTip(trayTooltip(appName, sync));
    tray.setImage(trayImage(trayIconName(sync)));
  };
  const shellState = createShellState({ initial: { sync: initialSyncStatus, updateCheck: 'idle' }, now: () => new Date(), onChange: render });
  const updates = createUpdateController({
    updater: autoUpdater,
    isPackaged: app.isPackaged,
    workspaceOrigin: workspace,
    intervalMs: 4 * 60 * 60 * 1000,
    log: logMain,
    onChange: (state) => shellState.setUpdateCheck(state),
    onUserNotice: (notice) => showBox(updateNoticeBox(appName, notice)),
  });
  try {
    tray = new Tray(trayImage(trayIconName(initialSyncStatus)));
    // Windows' convention: a click on the icon brings the window back; the menu is on the right button.
    if (process.platform === 'win32') tray.on('click', focusWindow);
  } catch (error) {
    logMain('warn', `no tray icon: ${String(error)}`);
  }
  render(shellState.snapshot());
  registry.on(ipcChannels.syncStatus, (report) => shellState.reportSync(report));
  setInterval(() => shellState.tick(), 60_000);
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
    else focusWindow();
  });
  const launchLink = findDeepLinkInArgv(process.argv);
  if (launchLink) deepLinks.open(launchLink);
  // Every web contents, whoever creates it: navigation within the store only, no windows, no webviews.
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, hardening));
  app.on('render-process-gone', (_event, _contents, details) => {
    logMain('error', `the window's renderer stopped: ${details.reason} (exit code ${details.exitCode})`);
    saveProblemReport(`renderer stopped: ${details.reason}`);
  });
  app.on('child-process-gone', (_event, details) => {
    if (details.reason !== 'clean-exit') logMain('error', `${details.type} process stopped: ${details.reason} (exit code ${details.exitCode})`);
  });
  void app.whenReady().then(() => {
    logMain('info', `Caseway ${app.getVersion()} started (Electron ${process.versions.electron ?? ''}, ${process.platform})`);
    hardenSession(session.defaultSession, (what) => logMain('warn', `refused: ${what}`));
    const registry = createIpcRegistry({
      ipcMain,
      isTrustedUrl: (url) => isAllowedNavigation(url, serverUrl),
      onRefused: (refusal) => logMain('warn', `IPC ${refusal.channel} refused (${refusal.reason} at ${refusal.path}): ${refusal.message}`),
    });
    registerNotifications(registry, Notification, (outcome) => {
      if (!outcome.shown) logMain('info', `notification not shown: ${outcome.reason}`);
    });
    // safeStorage can only tell whether it can encrypt once the app is ready.
    registerTokenHandlers(registry, createTokenKeeper({ safeStorage, platform: process.platform, files: nodeBinaryFileStore, path: join(userData, 'session-token.bin'), log: logMain }));
    registry.on(ipcChannels.log, (entry) => log.write(entry.level, 'renderer', entry.message));
    startDesktopShell(registry);
    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });
  app.on('window-all-closed', () => app.quit());
}
