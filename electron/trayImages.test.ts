import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syncIndicator, type DesktopSyncStatus } from './syncStatus';
import { trayIconName } from './tray';
import { trayImageNames, trayImagePath } from './trayImages';

describe('tray images', () => {
  it('has an image for every state the tray shows', () => {
    const states: DesktopSyncStatus[] = (['online', 'offline', 'syncing'] as const).flatMap((connection) => [0, 3].map((pendingChanges) => ({ connection, pendingChanges, lastSyncAt: null })));
    expect(new Set(states.map(syncIndicator)).size).toBe(trayImageNames.length);
    for (const state of states) expect(trayImageNames).toContain(trayIconName(state));
  });

  it('reads them from the app’s resources when packaged, from build/icons/tray in a development run', () => {
    expect(trayImagePath('tray-online', { isPackaged: true, resourcesPath: '/Applications/Caseway.app/Contents/Resources', sourceRoot: '/src' })).toBe(join('/Applications/Caseway.app/Contents/Resources', 'tray', 'tray-online.png'));
    expect(trayImagePath('tray-changesWaiting', { isPackaged: false, resourcesPath: '/ignored', sourceRoot: '/src/caseway' })).toBe(join('/src/caseway', 'build', 'icons', 'tray', 'tray-changesWaiting.png'));
  });
});
