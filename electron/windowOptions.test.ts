import { describe, expect, it } from 'vitest';
import { isAllowedNavigation, secureWindowOptions } from './windowOptions';

describe('window security', () => {
  it('isolates, sandboxes and keeps Node out of every window', () => {
    const prefs = secureWindowOptions('/app/preload.cjs').webPreferences;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false, webSecurity: true, allowRunningInsecureContent: false, webviewTag: false });
    expect(prefs.preload).toBe('/app/preload.cjs');
  });

  it('allows navigation only within the central store origin', () => {
    expect(isAllowedNavigation('http://localhost:4310/cases', 'http://localhost:4310')).toBe(true);
    expect(isAllowedNavigation('https://evil.example/', 'http://localhost:4310')).toBe(false);
    expect(isAllowedNavigation('http://localhost:4311/', 'http://localhost:4310')).toBe(false);
    expect(isAllowedNavigation('not a url', 'http://localhost:4310')).toBe(false);
  });
});
