/** Window size and position per workspace: clamped to today's displays, defaults when missing or corrupt, debounced saving. */
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clampToDisplays, loadWindowState, trackWindowState, type Rect, type TextFileStore } from './windowState';

const laptop: Rect = { x: 0, y: 0, width: 1440, height: 876 };
const external: Rect = { x: 1440, y: -200, width: 2560, height: 1400 };
const defaults = { width: 1440, height: 900 };
const path = '/userData/window-state.json';

function memoryStore(initial?: string): TextFileStore & { text: () => string | null; writes: number } {
  let text = initial ?? null;
  const store = { writes: 0, text: () => text, read: () => text, write: (_path: string, next: string) => { text = next; store.writes += 1; } };
  return store;
}

describe('clampToDisplays', () => {
  it('keeps a window that shows on a display, pulled inside it and no bigger than it', () => {
    expect(clampToDisplays({ x: 100, y: 50, width: 1000, height: 700 }, [laptop, external], defaults)).toEqual({ x: 100, y: 50, width: 1000, height: 700 });
    expect(clampToDisplays({ x: 1400, y: 0, width: 3000, height: 2000 }, [laptop, external], defaults)).toEqual({ x: 1440, y: -200, width: 2560, height: 1400 });
    expect(clampToDisplays({ x: 1300, y: -40, width: 800, height: 600 }, [laptop], defaults)).toEqual({ x: 640, y: 0, width: 800, height: 600 });
  });

  it('brings a window from an unplugged monitor back to the centre of the primary one', () => {
    expect(clampToDisplays({ x: 2000, y: 100, width: 1600, height: 1000 }, [laptop], defaults)).toEqual({ x: 0, y: 0, width: 1440, height: 876 });
    expect(clampToDisplays({ x: 5000, y: 100, width: 800, height: 600 }, [{ x: 0, y: 0, width: 2560, height: 1400 }], defaults)).toEqual({ x: 560, y: 250, width: 1440, height: 900 });
  });
});

describe('loadWindowState', () => {
  it('gives centred defaults when the file is missing or corrupt', () => {
    const desktop: Rect = { x: 0, y: 0, width: 1920, height: 1050 };
    const centred = { bounds: { x: 240, y: 75, width: 1440, height: 900 }, isMaximized: false };
    expect(loadWindowState(memoryStore(), path, 'http://localhost:4310', [desktop], defaults)).toEqual(centred);
    expect(loadWindowState(memoryStore('{not json'), path, 'http://localhost:4310', [desktop], defaults)).toEqual(centred);
    expect(loadWindowState(memoryStore('{"version":1,"workspaces":{"http://localhost:4310":{"bounds":{"x":"a"}}}}'), path, 'http://localhost:4310', [desktop], defaults)).toEqual(centred);
  });

  it('remembers each workspace separately, with its maximised state', () => {
    const store = memoryStore(JSON.stringify({ version: 1, workspaces: { 'https://a.example': { bounds: { x: 10, y: 20, width: 1000, height: 700 }, isMaximized: true }, 'https://b.example': { bounds: { x: 1500, y: 0, width: 1200, height: 800 }, isMaximized: false } } }));
    expect(loadWindowState(store, path, 'https://a.example', [laptop, external], defaults)).toEqual({ bounds: { x: 10, y: 20, width: 1000, height: 700 }, isMaximized: true });
    expect(loadWindowState(store, path, 'https://b.example', [laptop, external], defaults)).toEqual({ bounds: { x: 1500, y: 0, width: 1200, height: 800 }, isMaximized: false });
  });
});

describe('trackWindowState', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function fakeWindow() {
    const window = Object.assign(new EventEmitter(), {
      bounds: { x: 10, y: 10, width: 1200, height: 800 },
      isMax: false,
      isMin: false,
      getNormalBounds: () => window.bounds,
      isMaximized: () => window.isMax,
      isMinimized: () => window.isMin,
      isFullScreen: () => false,
    });
    return window;
  }

  it('saves once, after moves and resizes settle, keeping other workspaces', () => {
    const store = memoryStore(JSON.stringify({ version: 1, workspaces: { 'https://other.example': { bounds: { x: 0, y: 0, width: 900, height: 600 }, isMaximized: false } } }));
    const window = fakeWindow();
    trackWindowState(window, { store, path, workspace: 'https://a.example', debounceMs: 500, onError: () => undefined });
    for (let x = 10; x < 200; x += 10) {
      window.bounds = { ...window.bounds, x };
      window.emit('move');
      vi.advanceTimersByTime(100);
    }
    expect(store.writes).toBe(0);
    vi.advanceTimersByTime(500);
    expect(store.writes).toBe(1);
    const saved = JSON.parse(store.text() ?? '');
    expect(saved.workspaces['https://a.example']).toEqual({ bounds: { x: 190, y: 10, width: 1200, height: 800 }, isMaximized: false });
    expect(saved.workspaces['https://other.example']).toBeDefined();
  });

  it('saves the maximised state with the normal bounds, at once on close, and not while minimised', () => {
    const store = memoryStore();
    const window = fakeWindow();
    trackWindowState(window, { store, path, workspace: 'w', debounceMs: 500, onError: () => undefined });
    window.isMax = true;
    window.emit('maximize');
    window.emit('close');
    expect(store.writes).toBe(1);
    expect(JSON.parse(store.text() ?? '').workspaces.w).toEqual({ bounds: { x: 10, y: 10, width: 1200, height: 800 }, isMaximized: true });
    vi.advanceTimersByTime(1000);
    expect(store.writes).toBe(1);
    window.isMin = true;
    window.emit('close');
    expect(store.writes).toBe(1);
  });

  it('reports a failed save instead of throwing', () => {
    const errors: unknown[] = [];
    const store: TextFileStore = { read: () => null, write: () => { throw new Error('ENOSPC'); } };
    const window = fakeWindow();
    trackWindowState(window, { store, path, workspace: 'w', debounceMs: 10, onError: (e) => errors.push(e) });
    window.emit('close');
    expect(errors).toHaveLength(1);
  });
});
