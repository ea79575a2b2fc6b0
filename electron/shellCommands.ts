/**
 * Where each application-menu and tray command goes. The window's own commands (new interaction,
 * command palette, keyboard help, sync now) are sent on `caseway:command.run` to the current
 * window (the focused one, else the most recently focused), whose renderer carries them out as
 * its own shortcuts do; the rest are main's (open a workspace, log folder, problem report, update
 * check, about, quit). Also the texts of the message boxes these commands show. Plain data and
 * callbacks: main supplies the Electron side, the tests stand-ins.
 */
import type { MessageBoxOptions } from 'electron';
import type { ShellCommand } from '../shared/ipc/bridge';
import type { MenuActions } from './menu';
import type { TrayActions } from './tray';
import type { UpdateNotice } from './updates';

/** The window's commands, and whether the window comes to the front first (it opens something there). */
export const windowCommands = {
  newInteraction: { isShownFirst: true },
  commandPalette: { isShownFirst: true },
  keyboardHelp: { isShownFirst: true },
  syncNow: { isShownFirst: false },
} as const satisfies Record<ShellCommand, { isShownFirst: boolean }>;

export type ShellCommandHandlers = {
  /** `webContents.send(ipcChannels.command, { command })` to the current window; false when there is none. */
  sendToWindow(command: ShellCommand): boolean;
  /** Restores, shows and focuses the current window (the focused or most recent one). */
  showWindow(): void;
  /** Brings `workspace`'s window forward, or opens one for it. */
  openWorkspace(workspace: string): void;
  openLogFolder(): Promise<{ ok: true } | { ok: false; error: string }>;
  /** Writes a problem report; its path, or null when it could not be written. */
  saveProblemReport(): string | null;
  /** Shows the written report in the file manager, for the user to attach to a message. */
  showReport(path: string): void;
  problemReportFailed(): void;
  checkForUpdates(): void;
  about(): void;
  quit(): void;
  log(level: 'info' | 'warn', message: string): void;
};

export type ShellActions = { menu: MenuActions; tray: TrayActions };

export function shellActions(handlers: ShellCommandHandlers): ShellActions {
  const toWindow = (command: ShellCommand) => (): void => {
    if (windowCommands[command].isShownFirst) handlers.showWindow();
    if (!handlers.sendToWindow(command)) handlers.log('info', `menu command ${command} dropped: no window`);
  };
  const openLogFolder = (): void => {
    void handlers.openLogFolder().then((result) => {
      if (!result.ok) handlers.log('warn', `log folder not opened: ${result.error}`);
    });
  };
  const sendProblemReport = (): void => {
    const path = handlers.saveProblemReport();
    if (path === null) handlers.problemReportFailed();
    else handlers.showReport(path);
  };
  return {
    menu: {
      newInteraction: toWindow('newInteraction'),
      commandPalette: toWindow('commandPalette'),
      keyboardHelp: toWindow('keyboardHelp'),
      syncNow: toWindow('syncNow'),
      openLogFolder,
      sendProblemReport,
      checkForUpdates: () => handlers.checkForUpdates(),
      about: () => handlers.about(),
      openWorkspace: (workspace) => handlers.openWorkspace(workspace),
    },
    tray: {
      showWindow: () => handlers.showWindow(),
      syncNow: toWindow('syncNow'),
      sendProblemReport,
      quit: () => handlers.quit(),
    },
  };
}

export type AboutInput = { appName: string; versions: { app: string; electron: string; chrome: string; node: string }; workspace: string };

export function aboutBox(input: AboutInput): MessageBoxOptions {
  const { versions } = input;
  return {
    type: 'info',
    title: `About ${input.appName}`,
    message: `${input.appName} ${versions.app}`,
    detail: [`Workspace: ${input.workspace}`, `Electron ${versions.electron}`, `Chromium ${versions.chrome}`, `Node.js ${versions.node}`].join('\n'),
    buttons: ['OK'],
  };
}

export function problemReportFailedBox(appName: string): MessageBoxOptions {
  return { type: 'warning', title: appName, message: 'The problem report could not be written.', detail: 'The log folder (Help › Open log folder) has the details.', buttons: ['OK'] };
}

/** The answer to an update check asked for from the menu. */
export function updateNoticeBox(appName: string, notice: UpdateNotice): MessageBoxOptions {
  switch (notice.kind) {
    case 'upToDate':
      return { type: 'info', title: appName, message: `${appName} is up to date.`, buttons: ['OK'] };
    case 'unavailable':
      return { type: 'info', title: appName, message: 'Updates are not available here.', detail: notice.reason === 'notPackaged' ? 'This is a development build: it is not installed and does not update.' : 'The central store is not reached over https, so updates are not taken from it.', buttons: ['OK'] };
    case 'failed':
      return { type: 'warning', title: appName, message: 'The update did not succeed.', detail: `${notice.message}\n\nThe log folder (Help › Open log folder) has the details.`, buttons: ['OK'] };
    default: {
      const unreachable: never = notice;
      return unreachable;
    }
  }
}
