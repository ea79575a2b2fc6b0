/**
 * Each workspace's window remembers its size, position and maximised state in a JSON file in
 * userData. What is read is checked and clamped to the displays attached now (a window saved on a
 * monitor since unplugged comes back on the primary one); a missing or corrupt file gives the
 * defaults. Saving is debounced while the window is dragged or resized and immediate on close.
 */
import { z } from 'zod';

export type Rect = { x: number; y: number; width: number; height: number };
export type WindowState = { bounds: Rect; isMaximized: boolean };

/** A text file; `read` answers null when it does not exist. */
export type TextFileStore = { read(path: string): string | null; write(path: string, text: string): void };

const rectSchema = z.object({ x: z.number().int(), y: z.number().int(), width: z.number().int().positive(), height: z.number().int().positive() });
const stateSchema = z.object({ bounds: rectSchema, isMaximized: z.boolean() });
const fileSchema = z.object({ version: z.literal(1), workspaces: z.record(z.string(), stateSchema) });
type StateFile = z.infer<typeof fileSchema>;

export const windowStateFileName = 'window-state.json';
/** How much of a window must show on a display for its saved position to be kept. */
const minVisible = { width: 120, height: 60 };

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return { width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x), height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) };
}

/** Keeps the bounds on a display showing enough of them (no bigger than it); otherwise centres them on the first (primary) display. */
export function clampToDisplays(bounds: Rect, workAreas: readonly Rect[], fallback: { width: number; height: number }): Rect {
  const primary = workAreas[0];
  if (!primary) return bounds;
  const home = workAreas.find((area) => {
    const o = overlap(bounds, area);
    return o.width >= Math.min(minVisible.width, bounds.width) && o.height >= Math.min(minVisible.height, bounds.height);
  });
  if (home) {
    const width = Math.min(bounds.width, home.width);
    const height = Math.min(bounds.height, home.height);
    // Pull it fully inside that display so the title bar can always be reached.
    const x = Math.min(Math.max(bounds.x, home.x), home.x + home.width - width);
    const y = Math.min(Math.max(bounds.y, home.y), home.y + home.height - height);
    return { x, y, width, height };
  }
  const width = Math.min(fallback.width, primary.width);
  const height = Math.min(fallback.height, primary.height);
  return { x: primary.x + Math.round((primary.width - width) / 2), y: primary.y + Math.round((primary.height - height) / 2), width, height };
}

function readFile(store: TextFileStore, path: string): StateFile {
  try {
    const text = store.read(path);
    const parsed = text === null ? null : fileSchema.safeParse(JSON.parse(text));
    return parsed?.success ? parsed.data : { version: 1, workspaces: {} };
  } catch {
    return { version: 1, workspaces: {} };
  }
}

/** The state to open `workspace`'s window with, clamped to `workAreas` (the primary display first). */
export function loadWindowState(store: TextFileStore, path: string, workspace: string, workAreas: readonly Rect[], defaults: { width: number; height: number }): WindowState {
  const saved = readFile(store, path).workspaces[workspace];
  const bounds = saved?.bounds ?? { x: 0, y: 0, width: defaults.width, height: defaults.height };
  // Without a saved position the window is centred: pretend it is off every display.
  const placed = saved ? clampToDisplays(bounds, workAreas, defaults) : clampToDisplays({ ...bounds, x: -1e6, y: -1e6 }, workAreas, defaults);
  return { bounds: placed, isMaximized: saved?.isMaximized ?? false };
}

/** The part of a BrowserWindow the keeper watches. */
export type TrackedWindow = {
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown;
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  isMinimized(): boolean;
  isFullScreen(): boolean;
};

/** Saves `window`'s state for `workspace`, `debounceMs` after the last change and at once on close. */
export function trackWindowState(window: TrackedWindow, options: { store: TextFileStore; path: string; workspace: string; debounceMs: number; onError: (error: unknown) => void }): { flush(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const save = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    // A minimised or full-screen window's bounds are not where it should reopen; the normal bounds are.
    if (window.isMinimized() || window.isFullScreen()) return;
    try {
      const file = readFile(options.store, options.path);
      file.workspaces[options.workspace] = { bounds: window.getNormalBounds(), isMaximized: window.isMaximized() };
      options.store.write(options.path, JSON.stringify(file, null, 2));
    } catch (error) {
      options.onError(error);
    }
  };
  const schedule = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(save, options.debounceMs);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) window.on(event, schedule);
  window.on('close', save);
  return { flush: save };
}
