/**
 * The tray (notification area / menu bar) icon's menu, tooltip and icon name from the sync state,
 * as pure functions over plain data. Main wires them with
 * `tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(input, actions)))`,
 * `tray.setToolTip(trayTooltip(...))` and the image named by `trayIconName(...)` (electron/trayImages.ts), and rebuilds
 * them whenever the renderer reports a new sync state.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { lastSyncLabel, syncIndicator, syncSummary, type DesktopSyncStatus, type SyncIndicator } from './syncStatus';

export type TrayCommand = 'showWindow' | 'syncNow' | 'sendProblemReport' | 'quit';
export type TrayActions = Record<TrayCommand, () => void>;

export type TrayInput = { appName: string; sync: DesktopSyncStatus; now: Date };

/** The name of the tray image for the state (build/icons/tray, shipped as resources/tray). */
export function trayIconName(sync: DesktopSyncStatus): `tray-${SyncIndicator}` {
  return `tray-${syncIndicator(sync)}`;
}

export function trayTooltip(appName: string, sync: DesktopSyncStatus): string {
  return `${appName} — ${syncSummary(sync)}`;
}

export function trayMenuTemplate(input: TrayInput, actions: TrayActions): MenuItemConstructorOptions[] {
  const { sync } = input;
  return [
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
