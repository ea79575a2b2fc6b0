/**
 * The workspaces this app may show: each is one central store, named by its origin. They come
 * from `CASEWAY_SERVER_URL` (a comma-separated list; its first valid entry is the default) and
 * from `userData/workspaces.json`, which also remembers which workspaces had a window open when
 * the app last quit, to reopen them. Every entry must be an https origin (plain http only on
 * localhost or 127.0.0.1); a refused entry is reported with its reason, never thrown, and a
 * missing or corrupt file counts as empty. Pure functions for the parsing and merging; load and
 * save over the text file store (atomic writes in main, memory in the tests).
 */
import { z } from 'zod';
import type { TextFileStore } from './windowState';

export const workspacesFileName = 'workspaces.json';
/** The store a development run talks to when `CASEWAY_SERVER_URL` names none. */
export const builtInWorkspace = 'http://localhost:4310';
export const maxWorkspaces = 20;

export type WorkspaceSource = 'CASEWAY_SERVER_URL' | 'workspaces.json';
/** `entry` names the refused entry without its path or credentials (its origin, else its position). */
export type WorkspaceRefusal = { source: WorkspaceSource; entry: string; reason: string };
export type WorkspaceParse = { ok: true; origin: string } | { ok: false; reason: string };

export type WorkspaceConfig = {
  /** Every workspace, deduplicated by origin, the environment's first, at most `maxWorkspaces`. */
  workspaces: readonly string[];
  /** Opened when no window was open at the last quit, and for a deep link with no window. */
  defaultWorkspace: string;
  /** The workspaces that had a window at the last quit, each one of `workspaces`. */
  reopen: readonly string[];
  refusals: readonly WorkspaceRefusal[];
};

const loopbackHosts: readonly string[] = ['localhost', '127.0.0.1'];

/** A workspace is an origin: https, or http on this machine only (a store started for development). */
export function parseWorkspaceOrigin(text: string): WorkspaceParse {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, reason: 'not a URL' };
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopbackHosts.includes(url.hostname))) return { ok: false, reason: 'not https (plain http only on localhost or 127.0.0.1)' };
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'carries a user name or password' };
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') return { ok: false, reason: 'a workspace is an origin: no path, query or fragment' };
  return { ok: true, origin: url.origin };
}

/** What a log may say about an entry: never its path, query or credentials. */
function describeEntry(text: string, index: number): string {
  try {
    const { origin } = new URL(text.trim());
    return origin === 'null' ? `entry ${index + 1}` : origin;
  } catch {
    return `entry ${index + 1}`;
  }
}

type Parsed = { origins: string[]; refusals: WorkspaceRefusal[] };

function parseEntries(entries: readonly unknown[], source: WorkspaceSource): Parsed {
  const parsed: Parsed = { origins: [], refusals: [] };
  for (const [index, entry] of entries.entries()) {
    const result: WorkspaceParse = typeof entry === 'string' ? parseWorkspaceOrigin(entry) : { ok: false, reason: 'not a string' };
    if (result.ok) parsed.origins.push(result.origin);
    else parsed.refusals.push({ source, entry: typeof entry === 'string' ? describeEntry(entry, index) : `entry ${index + 1}`, reason: result.reason });
  }
  return parsed;
}

/** `CASEWAY_SERVER_URL`: one origin or a comma-separated list; unset or blank names none. */
export function parseWorkspaceList(value: string | undefined): Parsed {
  const entries = (value ?? '').split(',').filter((entry) => entry.trim() !== '');
  return parseEntries(entries, 'CASEWAY_SERVER_URL');
}

/** Configured ones first (their order kept), then saved ones; one per origin; the rest past `max` refused. */
export function mergeWorkspaces(configured: readonly string[], saved: readonly string[], max: number): { workspaces: string[]; refusals: WorkspaceRefusal[] } {
  const workspaces: string[] = [];
  const refusals: WorkspaceRefusal[] = [];
  const add = (origin: string, source: WorkspaceSource): void => {
    if (workspaces.includes(origin)) return;
    if (workspaces.length >= max) refusals.push({ source, entry: origin, reason: `more than ${max} workspaces` });
    else workspaces.push(origin);
  };
  for (const origin of configured) add(origin, 'CASEWAY_SERVER_URL');
  for (const origin of saved) add(origin, 'workspaces.json');
  return { workspaces, refusals };
}

const fileSchema = z.object({ version: z.literal(1), workspaces: z.array(z.unknown()).default([]), open: z.array(z.unknown()).default([]) });
export type WorkspacesFile = { version: 1; workspaces: unknown[]; open: unknown[] };

/** The file as it is, or an empty one when it is missing or not ours (`isCorrupt` says which). */
export function readWorkspacesFile(store: TextFileStore, path: string): { file: WorkspacesFile; isCorrupt: boolean } {
  const empty: WorkspacesFile = { version: 1, workspaces: [], open: [] };
  try {
    const text = store.read(path);
    if (text === null) return { file: empty, isCorrupt: false };
    const parsed = fileSchema.safeParse(JSON.parse(text));
    return parsed.success ? { file: parsed.data, isCorrupt: false } : { file: empty, isCorrupt: true };
  } catch {
    return { file: empty, isCorrupt: true };
  }
}

/** The workspaces from the environment's value and the file's contents (pure: both passed in). */
export function resolveWorkspaces(environment: string | undefined, file: WorkspacesFile, fallback: string = builtInWorkspace): WorkspaceConfig {
  const configured = parseWorkspaceList(environment);
  const saved = parseEntries(file.workspaces, 'workspaces.json');
  const defaultWorkspace = configured.origins[0] ?? saved.origins[0] ?? fallback;
  // The built-in store counts only when nothing else is configured, as before there were several.
  const merged = mergeWorkspaces(configured.origins.length > 0 ? configured.origins : [defaultWorkspace], saved.origins, maxWorkspaces);
  // An open window of a workspace no longer configured is not reopened; nor is a malformed entry.
  const reopen = file.open.filter((entry): entry is string => typeof entry === 'string').flatMap((entry) => {
    const parsed = parseWorkspaceOrigin(entry);
    return parsed.ok && merged.workspaces.includes(parsed.origin) ? [parsed.origin] : [];
  });
  return { workspaces: merged.workspaces, defaultWorkspace, reopen: [...new Set(reopen)], refusals: [...configured.refusals, ...saved.refusals, ...merged.refusals] };
}

type LoadOptions = {
  store: TextFileStore;
  path: string;
  environment: string | undefined;
  /** The workspace when none is configured: a packaged app's own store (its update feed's origin), else the development store. */
  fallback?: string;
  log: (level: 'info' | 'warn', message: string) => void;
};

/** Reads the file and the environment; every refusal (and a corrupt file) is logged, nothing thrown. */
export function loadWorkspaces(options: LoadOptions): WorkspaceConfig {
  const { file, isCorrupt } = readWorkspacesFile(options.store, options.path);
  if (isCorrupt) options.log('warn', `${workspacesFileName} is not readable: its workspaces are ignored and the file is left as it is`);
  const config = resolveWorkspaces(options.environment, file, options.fallback);
  for (const refusal of config.refusals) options.log('warn', `workspace ${refusal.entry} from ${refusal.source} refused: ${refusal.reason}`);
  return config;
}

/**
 * Remembers the workspaces with an open window, keeping the file's saved workspaces as they are
 * (they are the user's or the administrator's list; this app never edits it). A corrupt file is
 * not overwritten — it was edited by hand and would lose that list. Returns false when nothing was
 * written (the reason goes to `onError`).
 */
export function saveOpenWorkspaces(store: TextFileStore, path: string, open: readonly string[], onError: (error: unknown) => void): boolean {
  try {
    const { file, isCorrupt } = readWorkspacesFile(store, path);
    if (isCorrupt) {
      onError(new Error(`${workspacesFileName} is not readable, so the open windows were not remembered`));
      return false;
    }
    store.write(path, JSON.stringify({ ...file, open: [...open] } satisfies WorkspacesFile, null, 2));
    return true;
  } catch (error) {
    onError(error);
    return false;
  }
}

/** How menus name a workspace: its host (with the port when not the default one). */
export function workspaceLabel(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
}

/** The name the menu and the tray give the workspace whose sync state they show: only when there are several to tell apart. */
export function statusWorkspaceName(workspace: string | null, workspaces: readonly string[]): string | null {
  return workspace !== null && workspaces.length > 1 ? workspaceLabel(workspace) : null;
}
