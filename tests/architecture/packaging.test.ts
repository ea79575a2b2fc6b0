/**
 * The packaging configuration (build/electron-builder.config.ts) is valid for electron-builder
 * (its own JSON schema, app-builder-lib/scheme.json, checked with ajv as electron-builder does)
 * and keeps every security choice: per-user NSIS without elevation, hardened runtime with only
 * the entitlements Electron needs, notarisation from the environment, the caseway: protocol,
 * updates from the central store over the generic provider, asar with integrity fuses.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { config, defaultStoreUrl, updateFeedUrl, windowsPublisher } from '../../build/electron-builder.config';
import { trayIndicators } from '../../build/makeIcons';
import { notarizeCredentials, notarizeMacApp } from '../../build/notarize';
import { trayImageNames, trayImagePath, trayResourceDir, traySourceDir } from '../../electron/trayImages';

const require = createRequire(import.meta.url);
const scheme = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
// electron-builder's own settings for it (app-builder-lib/out/util/config/schemaValidator.js), without type coercion.
const validate = new Ajv({ allErrors: true, strict: false }).compile(scheme);

describe('packaging configuration', () => {
  it('is valid against electron-builder’s own schema', () => {
    const isValid = validate(JSON.parse(JSON.stringify(config)));
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(isValid).toBe(true);
  });

  it('is loaded (TypeScript, through its jiti loader) and accepted by electron-builder itself', async () => {
    // Not public API: the loader and validator `electron-builder --config` runs.
    const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      getConfig(projectDir: string, configPath: string, fromOptions: null): Promise<Record<string, unknown>>;
      validateConfiguration(config: object, debug: { isEnabled: boolean; add(): void }): Promise<void>;
    };
    const loaded = await getConfig(process.cwd(), 'build/electron-builder.config.ts', null);
    await validateConfiguration(loaded, { isEnabled: false, add: () => undefined });
    expect(loaded.appId).toBe(config.appId);
    expect(typeof loaded.afterSign).toBe('function');
  });

  it('and the schema does reject a wrong configuration (the check is real)', () => {
    expect(validate({ ...config, afterSign: undefined, nsis: { ...config.nsis, perMachine: 'yes' } })).toBe(false);
    expect(validate({ notAnOption: true })).toBe(false);
  });

  it('installs per user on Windows, never asking for elevation', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({ perMachine: false, allowElevation: false });
  });

  it('signs macOS builds with the hardened runtime and only the entitlements Electron needs', () => {
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.entitlements).toBe('build/entitlements.mac.plist');
    expect(config.mac.entitlementsInherit).toBe('build/entitlements.mac.plist');
    const plist = readFileSync(config.mac.entitlements, 'utf8');
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>\s*<(true|false)\/>/g)].map((m) => [m[1], m[2]]);
    expect(keys).toEqual([
      ['com.apple.security.cs.allow-jit', 'true'],
      ['com.apple.security.network.client', 'true'],
    ]);
    expect([...plist.matchAll(/<key>/g)]).toHaveLength(2);
    expect(config.mac.target.map((t) => t.target)).toEqual(['dmg', 'zip']);
  });

  it('notarises in its own afterSign hook, not electron-builder’s silent one', () => {
    expect(config.mac.notarize).toBe(false);
    expect(config.afterSign).toBe(notarizeMacApp);
  });

  it('registers the caseway: deep-link protocol', () => {
    expect(config.protocols).toEqual([{ name: 'Caseway', schemes: ['caseway'] }]);
  });

  it('updates from the central store’s /updates/ feed over https', () => {
    expect(config.publish).toEqual([{ provider: 'generic', url: updateFeedUrl(process.env.CASEWAY_STORE_URL ?? defaultStoreUrl) }]);
    expect(updateFeedUrl('https://store.example.gov/')).toBe('https://store.example.gov/updates/');
    expect(updateFeedUrl('https://store.example.gov/caseway')).toBe('https://store.example.gov/caseway/updates/');
    expect(() => updateFeedUrl('http://store.example.gov')).toThrow(/https/);
    // Not even on this machine: the packaged app would refuse the feed (electron/updates.ts).
    expect(() => updateFeedUrl('http://localhost:4310')).toThrow(/https/);
  });

  it('has Windows updates checked against the signing certificate’s publisher when a release names it', () => {
    const before = process.env.CASEWAY_WINDOWS_PUBLISHER;
    try {
      process.env.CASEWAY_WINDOWS_PUBLISHER = '  ';
      expect(windowsPublisher()).toBeNull();
      process.env.CASEWAY_WINDOWS_PUBLISHER = 'Riverside City Council';
      expect(windowsPublisher()).toBe('Riverside City Council');
    } finally {
      if (before === undefined) delete process.env.CASEWAY_WINDOWS_PUBLISHER;
      else process.env.CASEWAY_WINDOWS_PUBLISHER = before;
    }
    expect('signtoolOptions' in config.win).toBe(windowsPublisher() !== null);
    // The shape electron-builder expects (it writes publisherName into app-update.yml).
    const signed = { ...config, win: { ...config.win, signtoolOptions: { publisherName: 'Riverside City Council' } } };
    expect(validate(JSON.parse(JSON.stringify(signed))), JSON.stringify(validate.errors)).toBe(true);
  });

  it('ships the build output in an asar whose integrity is checked, with Node’s back doors fused shut', () => {
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(expect.arrayContaining(['dist/electron/**', 'dist/renderer/**']));
    expect(config.extraMetadata.main).toBe('dist/electron/main.cjs');
    expect(config.electronFuses).toMatchObject({ runAsNode: false, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false, enableEmbeddedAsarIntegrityValidation: true, onlyLoadAppFromAsar: true });
  });

  it('has the icons: a 1024×1024 PNG, an .ico and an .icns', () => {
    const png = readFileSync('build/icons/icon.png');
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1024, 1024]);
    expect(readFileSync(config.win.icon).readUInt16LE(2)).toBe(1);
    expect(readFileSync(config.mac.icon).subarray(0, 4).toString('ascii')).toBe('icns');
  });

  it('ships a tray image per sync indicator, 16 px and @2x 32 px, where main reads them', () => {
    expect([...trayImageNames].sort()).toEqual(trayIndicators.map((indicator) => `tray-${indicator}`).sort());
    expect(config.extraResources).toEqual([{ from: traySourceDir, to: trayResourceDir, filter: ['*.png'] }]);
    for (const name of trayImageNames) {
      const path = trayImagePath(name, { isPackaged: false, resourcesPath: '', sourceRoot: process.cwd() });
      expect(path).toBe(join(process.cwd(), 'build', 'icons', 'tray', `${name}.png`));
      for (const [file, size] of [[path, 16], [path.replace(/\.png$/, '@2x.png'), 32]] as const) {
        expect(existsSync(file), file).toBe(true);
        const png = readFileSync(file);
        expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
        expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
      }
    }
  });
});

describe('notarisation credentials', () => {
  afterEach(() => vi.restoreAllMocks());

  it('come from an Apple ID with an app-specific password and team, or an API key', () => {
    expect(notarizeCredentials({ APPLE_ID: 'a@example.org', APPLE_APP_SPECIFIC_PASSWORD: 'pw', APPLE_TEAM_ID: 'TEAM' })).toEqual({ ok: true, kind: 'apple-id', credentials: { appleId: 'a@example.org', appleIdPassword: 'pw', teamId: 'TEAM' } });
    expect(notarizeCredentials({ APPLE_API_KEY: '/k.p8', APPLE_API_KEY_ID: 'KID', APPLE_API_ISSUER: 'ISS' })).toEqual({ ok: true, kind: 'api-key', credentials: { appleApiKey: '/k.p8', appleApiKeyId: 'KID', appleApiIssuer: 'ISS' } });
  });

  it('are absent without the variables, and half a set is an error', () => {
    expect(notarizeCredentials({})).toMatchObject({ ok: false, reason: expect.stringContaining('APPLE_ID') });
    expect(() => notarizeCredentials({ APPLE_ID: 'a@example.org' })).toThrow(/APPLE_APP_SPECIFIC_PASSWORD, APPLE_TEAM_ID missing/);
    expect(() => notarizeCredentials({ APPLE_API_KEY_ID: 'KID' })).toThrow(/APPLE_API_KEY, APPLE_API_ISSUER missing/);
  });

  it('the hook skips with a clear line when they are absent, and does nothing off macOS', async () => {
    const saved = { ...process.env };
    for (const name of ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID', 'APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER']) delete process.env[name];
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const context = { electronPlatformName: 'darwin', appOutDir: '/tmp/out', packager: { appInfo: { productFilename: 'Caseway' } } } as unknown as Parameters<typeof notarizeMacApp>[0];
    await notarizeMacApp(context);
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/skipped macOS notarisation: no Apple credentials/));
    log.mockClear();
    await notarizeMacApp({ ...context, electronPlatformName: 'win32' } as Parameters<typeof notarizeMacApp>[0]);
    expect(log).not.toHaveBeenCalled();
    process.env = saved;
  });
});
