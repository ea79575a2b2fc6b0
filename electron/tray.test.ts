import { describe, expect, it, vi } from 'vitest';
import type { DesktopSyncStatus } from './syncStatus';
import { lastSyncLabel, syncIndicator } from './syncStatus';
import { trayIconName, trayMenuTemplate, trayTooltip, type TrayActions } from './tray';

const now = new Date('2026-12-02T10:00:00Z');
const status = (connection: DesktopSyncStatus['connection'], pendingChanges: number): DesktopSyncStatus => ({ connection, pendingChanges, lastSyncAt: new Date('2026-12-02T07:30:00Z') });
const actions = (): TrayActions => ({ showWindow: vi.fn(), syncNow: vi.fn(), sendProblemReport: vi.fn(), quit: vi.fn() });

describe('tray', () => {
  it('names the state: online, offline, syncing, changes waiting', () => {
    expect(trayIconName(status('online', 0))).toBe('tray-online');
    expect(trayIconName(status('online', 2))).toBe('tray-changesWaiting');
    expect(trayIconName(status('syncing', 2))).toBe('tray-syncing');
    expect(trayIconName(status('offline', 2))).toBe('tray-offline');
    expect(trayTooltip('Caseway', null, status('offline', 2))).toBe('Caseway — Offline · 2 changes waiting');
    expect(trayTooltip('Caseway', null, status('syncing', 0))).toBe('Caseway — Syncing… · All changes synced');
    expect(trayTooltip('Caseway', 'council.example.org', status('online', 0))).toBe('Caseway — council.example.org — Online · All changes synced');
  });

  it('lists the sync state, then show, sync now (online only), a problem report and quit', () => {
    const a = actions();
    const menu = trayMenuTemplate({ appName: 'Caseway', workspaceName: null, sync: status('online', 1), now }, a);
    expect(menu.map((i) => i.label ?? i.type)).toEqual(['Online · 1 change waiting', 'Last synced 2 h ago', 'separator', 'Show Caseway', 'Sync now', 'separator', 'Send a problem report…', 'Quit Caseway']);
    expect(menu.slice(0, 2).map((i) => i.enabled)).toEqual([false, false]);
    for (const item of menu) (item.click as (() => void) | undefined)?.();
    expect([a.showWindow, a.syncNow, a.sendProblemReport, a.quit].map((f) => (f as ReturnType<typeof vi.fn>).mock.calls.length)).toEqual([1, 1, 1, 1]);
    for (const connection of ['offline', 'syncing'] as const) {
      expect(trayMenuTemplate({ appName: 'Caseway', workspaceName: null, sync: status(connection, 0), now }, actions()).find((i) => i.id === 'sync-now')?.enabled).toBe(false);
    }
  });

  it('names the workspace whose state it shows when there are several', () => {
    const menu = trayMenuTemplate({ appName: 'Caseway', workspaceName: 'water.example.org', sync: status('offline', 0), now }, actions());
    expect(menu.slice(0, 3).map((i) => [i.label, i.enabled])).toEqual([['water.example.org', false], ['Offline · All changes synced', false], ['Last synced 2 h ago', false]]);
  });

  it('says when the last sync was, from the time passed in', () => {
    expect(lastSyncLabel(null, now)).toBe('Not synced yet');
    expect(lastSyncLabel(new Date('2026-12-02T09:59:30Z'), now)).toBe('Last synced just now');
    expect(lastSyncLabel(new Date('2026-11-29T09:00:00Z'), now)).toBe('Last synced 3 d ago');
    expect(syncIndicator({ connection: 'online', pendingChanges: 0, lastSyncAt: null })).toBe('online');
  });
});
