/**
 * Where the tray's images are: one PNG per sync indicator (`tray-online.png`, 16 px, and
 * `tray-online@2x.png`, 32 px, which Electron's nativeImage picks up by itself on high-density
 * screens), drawn by build/makeIcons.ts into build/icons/tray and shipped outside the asar as
 * the `tray` folder of the app's resources (electron-builder's extraResources).
 */
import { join } from 'node:path';
import type { SyncIndicator } from './syncStatus';
import type { trayIconName } from './tray';

export type TrayImageName = ReturnType<typeof trayIconName>;

// One per indicator: a new indicator without an image fails to compile here.
const imageOf = { online: 'tray-online', offline: 'tray-offline', syncing: 'tray-syncing', changesWaiting: 'tray-changesWaiting' } as const satisfies { [I in SyncIndicator]: `tray-${I}` };

/** Every tray image; tests/architecture/packaging.test.ts checks each ships at both sizes. */
export const trayImageNames: readonly TrayImageName[] = Object.values(imageOf);

/** The folder in the packaged app's resources (process.resourcesPath) holding the images. */
export const trayResourceDir = 'tray';
/** The same images in the source tree, for a development run. */
export const traySourceDir = 'build/icons/tray';

export type TrayImageLocation = {
  isPackaged: boolean;
  /** process.resourcesPath */
  resourcesPath: string;
  /** The repository's root in a development run (main runs from dist/electron). */
  sourceRoot: string;
};

export function trayImagePath(name: TrayImageName, location: TrayImageLocation): string {
  const dir = location.isPackaged ? join(location.resourcesPath, trayResourceDir) : join(location.sourceRoot, traySourceDir);
  return join(dir, `${name}.png`);
}
