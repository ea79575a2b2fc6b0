/**
 * The tray (notification area / menu bar) icon's menu, tooltip and icon name from the sync state,
 * as pure functions over plain data. They show the current workspace's sync state (named when
 * there are several); "Show" and "Sync now" go to that workspace's window. Main wires them with
 * `tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(input, actions)))`,
 * `tray.setToolTip(trayTooltip(...))` and the image named by `trayIconName(...)` (electron/trayImages.ts), and rebuilds
 * them whenever the renderer reports a new sync state.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { lastSyncLabel, syncIndicator, syncSummary, type DesktopSyncStatus, type SyncIndicator } from './syncStatus';

export type TrayCommand = 'showWindow' | 'syncNow' | 'sendProblemReport' | 'quit';
export type TrayActions = Record<TrayCommand, () => void>;

/** `sync` is the current workspace's; `workspaceName` names it when there are several (electron/workspaces.ts `statusWorkspaceName`). */
export type TrayInput = { appName: string; workspaceName: string | null; sync: DesktopSyncStatus; now: Date };

/** The name of the tray image for the state (build/icons/tray, shipped as resources/tray). */
export function trayIconName(sync: DesktopSyncStatus): `tray-${SyncIndicator}` {
  return `tray-${syncIndicator(sync)}`;
}

export function trayTooltip(appName: string, workspaceName: string | null, sync: DesktopSyncStatus): string {
  return workspaceName === null ? `${appName} — ${syncSummary(sync)}` : `${appName} — ${workspaceName} — ${syncSummary(sync)}`;
}

export function trayMenuTemplate(input: TrayInput, actions: TrayActions): MenuItemConstructorOptions[] {
  const { sync } = input;
  return [
    ...(input.workspaceName === null ? [] : [{ id: 'sync-workspace', label: input.workspaceName, enabled: false }]),
    { id: 'sync-status', label: syncSummary(sync), enabled: false },
    { id: 'sync-last', label: lastSyncLabel(sync.lastSyncAt, input.now), enabled: false },
    { type: 'separator' },
    { id: 'show-window', label: `Show ${input.appName}`, click: () => actions.showWindow() },
    { id: 'sync-now', label: 'Sync now', enabled: sync.connection === 'online', click: () => actions.syncNow() },
    { type: 'separator' },
    { id: 'send-problem-report', label: 'Send a problem report…', click: () => actions.sendProblemReport() },
    { id: 'quit', label: `Quit ${input.appName}`, click: () => actions.quit() },
  ];
}
