/**
 * The application menu as a template (Electron's MenuItemConstructorOptions), built by a pure
 * function from the platform, the sync state and the update check, with every click going to one
 * of the `MenuActions` main supplies. Main wires it with
 * `Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate(input, actions)))` and
 * rebuilds it when the sync state or the update check changes.
 *
 * Shortcuts the renderer handles itself (new interaction, command palette, keyboard help) are
 * shown but not registered (`registerAccelerator: false`), so the key reaches the page once.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { lastSyncLabel, syncSummary, type DesktopSyncStatus } from './syncStatus';

export type MenuCommand = 'newInteraction' | 'commandPalette' | 'keyboardHelp' | 'syncNow' | 'openLogFolder' | 'sendProblemReport' | 'checkForUpdates' | 'about';

/** What each menu item does; main gives the handlers (most send a deep link or command to the window). */
export type MenuActions = Record<MenuCommand, () => void>;

export type UpdateCheckState = 'idle' | 'checking' | 'downloading' | 'readyToInstall';

export type ApplicationMenuInput = {
  platform: NodeJS.Platform;
  appName: string;
  /** Development tools (reload, devtools) only in an unpackaged app. */
  isPackaged: boolean;
  sync: DesktopSyncStatus;
  updateCheck: UpdateCheckState;
  now: Date;
};

function command(label: string, action: () => void, extra: MenuItemConstructorOptions = {}): MenuItemConstructorOptions {
  return { label, click: () => action(), ...extra };
}

const separator: MenuItemConstructorOptions = { type: 'separator' };

export function updateCheckLabel(state: UpdateCheckState): string {
  switch (state) {
    case 'idle':
      return 'Check for updates…';
    case 'checking':
      return 'Checking for updates…';
    case 'downloading':
      return 'Downloading an update…';
    case 'readyToInstall':
      return 'Restart to install the update';
    default: {
      const unreachable: never = state;
      return unreachable;
    }
  }
}

function fileMenu(input: ApplicationMenuInput, actions: MenuActions, isMac: boolean): MenuItemConstructorOptions {
  const canSync = input.sync.connection === 'online';
  return {
    label: '&File',
    submenu: [
      command('New interaction', actions.newInteraction, { accelerator: 'Alt+N', registerAccelerator: false }),
      command('Command palette…', actions.commandPalette, { accelerator: 'CmdOrCtrl+K', registerAccelerator: false }),
      separator,
      { id: 'sync-status', label: syncSummary(input.sync), enabled: false },
      { id: 'sync-last', label: lastSyncLabel(input.sync.lastSyncAt, input.now), enabled: false },
      command('Sync now', actions.syncNow, { id: 'sync-now', enabled: canSync }),
      separator,
      isMac ? { role: 'close' } : { role: 'quit', label: `Quit ${input.appName}` },
    ],
  };
}

function viewMenu(input: ApplicationMenuInput): MenuItemConstructorOptions {
  const developer: MenuItemConstructorOptions[] = input.isPackaged ? [] : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, separator];
  return { label: '&View', submenu: [...developer, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, separator, { role: 'togglefullscreen' }] };
}

function helpMenu(input: ApplicationMenuInput, actions: MenuActions, isMac: boolean): MenuItemConstructorOptions {
  return {
    label: '&Help',
    role: 'help',
    submenu: [
      command('Keyboard shortcuts', actions.keyboardHelp, { accelerator: 'F1', registerAccelerator: false }),
      separator,
      command(updateCheckLabel(input.updateCheck), actions.checkForUpdates, { id: 'check-for-updates', enabled: input.updateCheck === 'idle' || input.updateCheck === 'readyToInstall' }),
      command('Open log folder', actions.openLogFolder, { id: 'open-log-folder' }),
      command('Send a problem report…', actions.sendProblemReport, { id: 'send-problem-report' }),
      ...(isMac ? [] : [separator, command(`About ${input.appName}`, actions.about)]),
    ],
  };
}

export function applicationMenuTemplate(input: ApplicationMenuInput, actions: MenuActions): MenuItemConstructorOptions[] {
  const isMac = input.platform === 'darwin';
  const appMenu: MenuItemConstructorOptions[] = isMac
    ? [{ label: input.appName, submenu: [command(`About ${input.appName}`, actions.about), separator, { role: 'services' }, separator, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, { role: 'quit' }] }]
    : [];
  return [
    ...appMenu,
    fileMenu(input, actions, isMac),
    { label: '&Edit', submenu: [{ role: 'undo' }, { role: 'redo' }, separator, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'delete' }, separator, { role: 'selectAll' }] },
    viewMenu(input),
    isMac ? { label: '&Window', role: 'windowMenu' } : { label: '&Window', submenu: [{ role: 'minimize' }, { role: 'close' }] },
    helpMenu(input, actions, isMac),
  ];
}
