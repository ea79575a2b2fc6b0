/**
 * Packaging for Windows (per-user NSIS installer) and macOS (signed, hardened, notarised DMG plus
 * the ZIP that Squirrel.Mac updates from), auto-update from the central store, and the
 * `caseway:` deep-link protocol. `npm run package` builds with it; tests/architecture/packaging.test.ts
 * validates it against electron-builder's own JSON schema and checks every security choice.
 *
 * CASEWAY_STORE_URL (at packaging time) is the central store the packaged app updates from:
 * electron-builder writes `<store>/updates/` into the app (app-update.yml), and the store serves
 * that folder from CASEWAY_UPDATES_DIR (server/routes/updateRoutes.ts).
 */
import type { Configuration } from 'electron-builder';
import { notarizeMacApp } from './notarize';

export const defaultStoreUrl = 'https://caseway.example.org';

/** `<store>/updates/`: electron-builder's generic provider reads latest.yml / latest-mac.yml there. */
export function updateFeedUrl(storeUrl: string): string {
  const url = new URL('updates/', storeUrl.endsWith('/') ? storeUrl : `${storeUrl}/`);
  // The packaged app refuses any other feed (electron/updates.ts): fail here, not silently there.
  if (url.protocol !== 'https:') throw new Error(`CASEWAY_STORE_URL must be https (updates are code), got ${storeUrl}`);
  return url.toString();
}

/** CASEWAY_WINDOWS_PUBLISHER: the subject name of the Windows code-signing certificate, or null. */
export function windowsPublisher(): string | null {
  const name = process.env.CASEWAY_WINDOWS_PUBLISHER?.trim();
  return name ? name : null;
}

export const config = {
  appId: 'org.caseway.workstation',
  productName: 'Caseway',
  copyright: 'Copyright © Caseway',
  directories: { output: 'release', buildResources: 'build/resources' },
  files: ['dist/electron/**', 'dist/renderer/**', '!**/*.map', 'package.json'],
  extraMetadata: { main: 'dist/electron/main.cjs' },
  // The tray's images (build/makeIcons.ts), read by path at run time from <resources>/tray
  // (electron/trayImages.ts): plain files beside the asar, where nativeImage finds their @2x twins.
  extraResources: [{ from: 'build/icons/tray', to: 'tray', filter: ['*.png'] }],
  // One archive, checked at start-up (fuse below): the app's code cannot be swapped on disk.
  asar: true,
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
  },
  protocols: [{ name: 'Caseway', schemes: ['caseway'] }],
  publish: [{ provider: 'generic', url: updateFeedUrl(process.env.CASEWAY_STORE_URL ?? defaultStoreUrl) }],
  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    icon: 'build/icons/icon.ico',
    // The signing certificate's publisher, written into app-update.yml: the installed app then
    // installs only updates signed by it (without it, only TLS and latest.yml's sha512 vouch for one).
    // A release build sets it with the certificate (CSC_LINK / WIN_CSC_LINK).
    ...(windowsPublisher() ? { signtoolOptions: { publisherName: windowsPublisher() } } : {}),
  },
  // Per user: installs into the user's profile, never asks for administrator rights.
  nsis: {
    oneClick: false,
    perMachine: false,
    allowElevation: false,
    allowToChangeInstallationDirectory: true,
    deleteAppDataOnUninstall: false,
    artifactName: '${productName}-Setup-${version}.${ext}',
  },
  mac: {
    target: [
      { target: 'dmg', arch: ['x64', 'arm64'] },
      { target: 'zip', arch: ['x64', 'arm64'] },
    ],
    category: 'public.app-category.business',
    icon: 'build/icons/icon.icns',
    hardenedRuntime: true,
    gatekeeperAssess: false,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
    // Notarisation runs in our afterSign hook, which logs why it skips; the built-in one stays off.
    notarize: false,
    artifactName: '${productName}-${version}-${arch}.${ext}',
  },
  dmg: { artifactName: '${productName}-${version}-${arch}.${ext}' },
  afterSign: notarizeMacApp,
} satisfies Configuration;

// electron-builder loads a TypeScript configuration's default export (the one default export here).
export default config;
