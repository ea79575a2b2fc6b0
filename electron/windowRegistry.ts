/**
 * The open windows, at most one per workspace (a central store's origin). Opening a workspace that
 * has a window brings that window forward (restored if minimised) instead of making another;
 * a closed window leaves the registry. It answers which workspace an IPC sender or a web contents
 * belongs to, which window is focused and which was the most recent (for deep links and menu
 * commands), and tells main which workspaces to reopen at the next start. A plain module over the
 * few BrowserWindow members it uses, so a Node test drives it with fake windows.
 */

/** The part of a BrowserWindow the registry uses. */
export type RegistryWindow = {
  readonly webContents: { readonly id: number };
  on(event: 'focus' | 'closed', listener: () => void): unknown;
  isDestroyed(): boolean;
  isFocused(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
};

export type WorkspaceWindow<W> = { workspace: string; window: W };

export type WindowRegistry<W extends RegistryWindow> = {
  /** Brings `workspace`'s window forward, or creates it; `isNew` says main must load it. */
  open(workspace: string): WorkspaceWindow<W> & { isNew: boolean };
  /** `workspace`'s window, if it has one. */
  get(workspace: string): WorkspaceWindow<W> | null;
  /** The window of the workspace whose page sent an IPC message (its frame's URL). */
  windowForSender(url: string): WorkspaceWindow<W> | null;
  /** The window showing a web contents (by its id). */
  forContents(contentsId: number): WorkspaceWindow<W> | null;
  /** The window that has the focus now, if one of ours has. */
  focused(): WorkspaceWindow<W> | null;
  /** The window focused (or opened) last: where menu commands and deep links go. */
  mostRecent(): WorkspaceWindow<W> | null;
  /** The workspaces with a window, in the order they were opened. */
  workspaces(): string[];
  /** The app quits: windows closing now are not forgotten (they reopen at the next start). */
  quitting(): void;
};

export type WindowRegistryOptions<W extends RegistryWindow> = {
  create(workspace: string): W;
  /**
   * The workspaces to reopen at the next start changed: a window opened, or one closed while
   * others stay. Not when the last window closes (the app quits then, and that window is what
   * to reopen) nor while the app quits.
   */
  onOpenSetChange(workspaces: readonly string[]): void;
  /** The most recent window changed (focus moved, a window opened or closed); null: none left. */
  onMostRecentChange(workspace: string | null): void;
};

function originOf(url: string): string | null {
  try {
    const { origin } = new URL(url);
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

export function createWindowRegistry<W extends RegistryWindow>(options: WindowRegistryOptions<W>): WindowRegistry<W> {
  /** In opening order. */
  const entries: WorkspaceWindow<W>[] = [];
  /** Workspaces, most recently focused first. */
  const recency: string[] = [];
  let isQuitting = false;

  const find = (workspace: string): WorkspaceWindow<W> | null => entries.find((entry) => entry.workspace === workspace && !entry.window.isDestroyed()) ?? null;
  const mostRecent = (): WorkspaceWindow<W> | null => {
    const workspace = recency[0];
    return workspace === undefined ? null : find(workspace);
  };
  const touch = (workspace: string): void => {
    const before = recency[0] ?? null;
    const at = recency.indexOf(workspace);
    if (at >= 0) recency.splice(at, 1);
    recency.unshift(workspace);
    if (before !== workspace) options.onMostRecentChange(workspace);
  };
  const bringForward = (window: W): void => {
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };
  const remove = (entry: WorkspaceWindow<W>): void => {
    const at = entries.indexOf(entry);
    if (at < 0) return;
    entries.splice(at, 1);
    const wasMostRecent = recency[0] === entry.workspace;
    recency.splice(recency.indexOf(entry.workspace), 1);
    if (!isQuitting && entries.length > 0) options.onOpenSetChange(entries.map((e) => e.workspace));
    if (wasMostRecent) options.onMostRecentChange(recency[0] ?? null);
  };

  return {
    open(workspace) {
      const existing = find(workspace);
      if (existing) {
        bringForward(existing.window);
        return { ...existing, isNew: false };
      }
      const entry: WorkspaceWindow<W> = { workspace, window: options.create(workspace) };
      entries.push(entry);
      entry.window.on('focus', () => touch(workspace));
      entry.window.on('closed', () => remove(entry));
      options.onOpenSetChange(entries.map((e) => e.workspace));
      touch(workspace);
      return { ...entry, isNew: true };
    },
    get: find,
    windowForSender(url) {
      const origin = originOf(url);
      return origin === null ? null : find(origin);
    },
    forContents(contentsId) {
      return entries.find((entry) => !entry.window.isDestroyed() && entry.window.webContents.id === contentsId) ?? null;
    },
    focused() {
      return entries.find((entry) => !entry.window.isDestroyed() && entry.window.isFocused()) ?? null;
    },
    mostRecent,
    workspaces: () => entries.map((entry) => entry.workspace),
    quitting() {
      isQuitting = true;
    },
  };
}
