import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { hardenContents, hardenSession, type ContentsLike, type SessionLike } from './hardening';

const store = 'https://store.example.org';
const otherStore = 'https://water.example.org';

class FakeContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeContents.nextId++;
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

/** One contents per workspace (null: contents of no workspace), hardened like main does with the same options. */
function setUpMany(workspaces: readonly (string | null)[]): { contents: FakeContents[]; opened: string[]; refused: string[]; asked: number[] } {
  const contents = workspaces.map(() => new FakeContents());
  const byId = new Map(contents.map((c, index) => [c.id, workspaces[index] ?? null]));
  const opened: string[] = [];
  const refused: string[] = [];
  const asked: number[] = [];
  const options = {
    workspaceOf: (c: ContentsLike) => {
      asked.push(c.id);
      return byId.get(c.id) ?? null;
    },
    openExternal: (url: string) => void opened.push(url),
    onRefused: (what: string) => void refused.push(what),
  };
  for (const c of contents) hardenContents(c as unknown as ContentsLike, options);
  return { contents, opened, refused, asked };
}

function setUp(): { contents: FakeContents; opened: string[]; refused: string[] } {
  const { contents, opened, refused } = setUpMany([store]);
  const [only] = contents;
  if (!only) throw new Error('no contents');
  return { contents: only, opened, refused };
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

  it('keeps each window on its own workspace: a window of one store may not navigate to another', () => {
    const { contents, refused, asked } = setUpMany([store, otherStore, null]);
    const [council, water, stray] = contents;
    if (!council || !water || !stray) throw new Error('no contents');
    expect(council.attempt('will-navigate', `${store}/cases/2`)).toBe(false);
    expect(council.attempt('will-navigate', `${otherStore}/cases/2`)).toBe(true);
    expect(council.attempt('will-redirect', `${otherStore}/login`)).toBe(true);
    expect(water.attempt('will-navigate', `${otherStore}/cases/2`)).toBe(false);
    expect(water.attempt('will-navigate', `${store}/`)).toBe(true);
    // Contents that are no workspace's window (none should exist) go nowhere, not even to a store.
    expect(stray.attempt('will-navigate', `${store}/`)).toBe(true);
    expect(refused).toEqual([`navigation to ${otherStore}`, `redirect to ${otherStore}`, `navigation to ${store}`, `navigation to ${store}`]);
    // Asked at each navigation, for the contents navigating: a window's workspace is known only once it is registered.
    expect(asked).toEqual([council.id, council.id, council.id, water.id, water.id, stray.id]);
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
