import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { hardenContents, hardenSession, type ContentsLike, type SessionLike } from './hardening';

class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }
  /** Emits like Electron: returns whether a listener prevented the default. */
  attempt(event: 'will-navigate' | 'will-redirect' | 'will-attach-webview', url?: string): boolean {
    let isPrevented = false;
    this.emit(event, { preventDefault: () => (isPrevented = true) }, url);
    return isPrevented;
  }
}

function setUp(): { contents: FakeContents; opened: string[]; refused: string[] } {
  const contents = new FakeContents();
  const opened: string[] = [];
  const refused: string[] = [];
  hardenContents(contents as unknown as ContentsLike, { appOrigin: 'https://store.example.org', openExternal: (url) => opened.push(url), onRefused: (what) => refused.push(what) });
  return { contents, opened, refused };
}

describe('hardening every web contents', () => {
  it('lets navigation and redirects stay within the store and refuses the rest, logging only the origin', () => {
    const { contents, refused } = setUp();
    expect(contents.attempt('will-navigate', 'https://store.example.org/cases/1')).toBe(false);
    expect(contents.attempt('will-redirect', 'https://store.example.org/login')).toBe(false);
    expect(contents.attempt('will-navigate', 'https://evil.example/phish?caller=0412345678')).toBe(true);
    expect(contents.attempt('will-redirect', 'http://store.example.org/')).toBe(true);
    expect(contents.attempt('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.attempt('will-navigate', 'javascript:alert(1)')).toBe(true);
    expect(refused).toEqual(['navigation to https://evil.example', 'redirect to http://store.example.org', 'navigation to null', 'navigation to null']);
    expect(refused.join(' ')).not.toContain('0412345678');
  });

  it('never opens a window: https links go to the browser, anything else is refused', () => {
    const { contents, opened, refused } = setUp();
    if (!contents.openHandler) throw new Error('no window open handler');
    expect(contents.openHandler({ url: 'https://docs.example.org/help' })).toEqual({ action: 'deny' });
    expect(contents.openHandler({ url: 'http://plain.example.org/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler({ url: 'file:///C:/Windows/system32/calc.exe' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://docs.example.org/help']);
    expect(refused).toEqual(['window for http://plain.example.org', 'window for null']);
  });

  it('refuses every <webview>', () => {
    const { contents, refused } = setUp();
    expect(contents.attempt('will-attach-webview')).toBe(true);
    expect(refused).toEqual(['webview']);
  });
});

describe('hardening the session', () => {
  it('denies every permission request and check', () => {
    const handlers: { request: Parameters<SessionLike['setPermissionRequestHandler']>[0]; check: Parameters<SessionLike['setPermissionCheckHandler']>[0] } = { request: null, check: null };
    const refused: string[] = [];
    hardenSession({ setPermissionRequestHandler: (h) => (handlers.request = h), setPermissionCheckHandler: (h) => (handlers.check = h) }, (what) => refused.push(what));
    const { request, check } = handlers;
    if (!request || !check) throw new Error('handlers not set');
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) request({}, permission, (granted) => answers.push(granted));
    expect(answers).toEqual([false, false, false, false, false]);
    expect(refused).toEqual(['permission media', 'permission geolocation', 'permission notifications', 'permission clipboard-read', 'permission openExternal']);
    expect(check({}, 'media')).toBe(false);
  });
});
