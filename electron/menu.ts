/**
 * The application menu as a template (Electron's MenuItemConstructorOptions), built by a pure
 * function from the platform, the current workspace's sync state, the configured workspaces and
 * the update check, with every click going to one of the `MenuActions` main supplies. With several
 * workspaces, File › Open workspace lists them (opening one, or bringing its window forward) and
 * the sync lines name the workspace they are about. Main wires it with
 * `Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate(input, actions)))` and
 * rebuilds it when the sync state or the update check changes.
 *
 * Shortcuts the renderer handles itself (new interaction, command palette, keyboard help) are
 * shown but not registered (`registerAccelerator: false`), so the key reaches the page once.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { lastSyncLabel, syncSummary, type DesktopSyncStatus } from './syncStatus';
import { statusWorkspaceName, workspaceLabel } from './workspaces';

export type MenuCommand = 'newInteraction' | 'commandPalette' | 'keyboardHelp' | 'syncNow' | 'openLogFolder' | 'sendProblemReport' | 'checkForUpdates' | 'about';

/** What each menu item does; main gives the handlers (most send a command to the current window). */
export type MenuActions = Record<MenuCommand, () => void> & { openWorkspace(workspace: string): void };

export type UpdateCheckState = 'idle' | 'checking' | 'downloading' | 'readyToInstall';

export type ApplicationMenuInput = {
  platform: NodeJS.Platform;
  appName: string;
  /** Development tools (reload, devtools) only in an unpackaged app. */
  isPackaged: boolean;
  /** The current workspace (the focused or most recent window's), whose sync state `sync` is; null: no window. */
  workspace: string | null;
  /** Every configured workspace, the default first. */
  workspaces: readonly string[];
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

/** One item per workspace, the current one checked; none with a single workspace (its window is the app). */
function workspaceMenu(input: ApplicationMenuInput, actions: MenuActions): MenuItemConstructorOptions[] {
  if (input.workspaces.length < 2) return [];
  const items = input.workspaces.map((workspace, index): MenuItemConstructorOptions => ({
    id: `open-workspace-${index}`,
    label: workspaceLabel(workspace),
    type: 'radio',
    checked: workspace === input.workspace,
    click: () => actions.openWorkspace(workspace),
  }));
  return [{ id: 'open-workspace', label: 'Open workspace', submenu: items }, separator];
}

function fileMenu(input: ApplicationMenuInput, actions: MenuActions, isMac: boolean): MenuItemConstructorOptions {
  const canSync = input.sync.connection === 'online';
  const workspaceName = statusWorkspaceName(input.workspace, input.workspaces);
  return {
    label: '&File',
    submenu: [
      command('New interaction', actions.newInteraction, { accelerator: 'Alt+N', registerAccelerator: false }),
      command('Command palette…', actions.commandPalette, { accelerator: 'CmdOrCtrl+K', registerAccelerator: false }),
      separator,
      ...workspaceMenu(input, actions),
      ...(workspaceName === null ? [] : [{ id: 'sync-workspace', label: workspaceName, enabled: false }]),
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
