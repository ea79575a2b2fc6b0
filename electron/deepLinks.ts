/**
 * `caseway://` links: parsed into the typed actions of shared/ipc/deepLinks.ts, found in a second
 * instance's argv (Windows, Linux) or given by macOS's `open-url`, and handed to one workspace's
 * window once it can receive them. Nothing here throws: a bad link becomes an error result that main logs.
 * A refusal names the part at fault and a reason from closed sets (shared/ipc/deepLinks.ts), never
 * any text of the link: a key, host or value may be a caller's number.
 */
import {
  deepLinkActionSchema,
  deepLinkRefusalReasons,
  normalisePhone,
  type DeepLinkAction,
  type DeepLinkError,
  type DeepLinkErrorPath,
  type DeepLinkRefusalReason,
  type DeepLinkResult,
} from '../shared/ipc/deepLinks';

export const deepLinkScheme = 'caseway';
const maxLinkLength = 2048;
/** Links held while their window cannot take them: the latest few, not an unbounded queue. */
const maxHeld = 10;

function refuse(code: DeepLinkError['code'], path: DeepLinkErrorPath, message: DeepLinkRefusalReason): DeepLinkResult {
  return { ok: false, error: { code, path, message } };
}

/** Reads the query by hand: URLSearchParams turns `+61…` into ` 61…`, which would lose the country code. */
function queryOf(search: string): Map<string, string> | null {
  const params = new Map<string, string>();
  for (const pair of search.replace(/^\?/, '').split('&')) {
    if (pair === '') continue;
    const at = pair.indexOf('=');
    const key = at < 0 ? pair : pair.slice(0, at);
    try {
      const value = decodeURIComponent(at < 0 ? '' : pair.slice(at + 1));
      if (params.has(key)) return null;
      params.set(key, value);
    } catch {
      return null;
    }
  }
  return params;
}

function interactionAction(params: Map<string, string>): DeepLinkResult {
  const unknown = [...params.keys()].find((key) => key !== 'channel' && key !== 'from');
  if (unknown !== undefined) return refuse('invalid', 'query', 'unknown parameter');
  const channel = params.get('channel');
  const rawFrom = params.get('from')?.trim() || null;
  const from = channel === 'phone' && rawFrom !== null ? normalisePhone(rawFrom) : channel === 'email' ? (rawFrom?.toLowerCase() ?? null) : rawFrom;
  if (rawFrom !== null && from === null) return refuse('invalid', 'from', 'must be a phone number');
  return validated({ kind: 'startInteraction', channel, from });
}

/** A schema issue's own message when it is one of the fixed reasons (ours are), else the field's general one. */
const fieldReasons = { number: 'must look like CS0001234', channel: 'must be a known channel', from: 'must be plain text' } as const satisfies Record<string, DeepLinkRefusalReason>;

function isRefusalReason(message: string | undefined): message is DeepLinkRefusalReason {
  return deepLinkRefusalReasons.some((reason) => reason === message);
}

function validated(candidate: unknown): DeepLinkResult {
  const parsed = deepLinkActionSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue?.path[0];
  if (field !== 'number' && field !== 'channel' && field !== 'from') return refuse('invalid', 'link', 'invalid link');
  return refuse('invalid', field, isRefusalReason(issue?.message) ? issue.message : fieldReasons[field]);
}

/** `caseway://case/CS0001234` → open that case; `caseway://interaction?channel=phone&from=+61…` → start an interaction. */
export function parseDeepLink(link: string): DeepLinkResult {
  try {
    return parseLink(link);
  } catch {
    // A link comes from anyone on the machine: whatever it trips, main keeps running (the error's text may quote the link).
    return refuse('invalid', 'link', 'unreadable link');
  }
}

function parseLink(link: string): DeepLinkResult {
  if (link.length > maxLinkLength) return refuse('invalid', 'link', 'too long');
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return refuse('not_caseway', 'link', 'not a URL');
  }
  if (url.protocol !== `${deepLinkScheme}:`) return refuse('not_caseway', 'link', 'not a caseway:// link');
  // caseway://case/CS1 has host "case" and path "/CS1"; caseway:case/CS1 has them both in the path.
  const parts = [url.host, ...url.pathname.split('/')].filter((part) => part !== '');
  const [action, ...rest] = parts;
  const params = queryOf(url.search);
  if (params === null) return refuse('invalid', 'query', 'malformed or repeated parameter');
  switch (action) {
    case 'case': {
      if (rest.length !== 1 || params.size > 0 || url.hash) return refuse('invalid', 'number', 'expected caseway://case/<number>');
      // A case number is letters and digits: anything percent-encoded is refused by the schema, not decoded.
      return validated({ kind: 'openCase', number: (rest[0] ?? '').toUpperCase() });
    }
    case 'interaction': {
      if (rest.length > 0 || url.hash) return refuse('invalid', 'link', 'expected caseway://interaction?channel=…&from=…');
      return interactionAction(params);
    }
    default:
      return refuse('unknown_action', 'action', 'unknown action');
  }
}

/** The deep link a second instance was started with (Windows and Linux pass it in argv), if any. */
export function findDeepLinkInArgv(argv: readonly string[]): string | null {
  return argv.find((arg) => arg.toLowerCase().startsWith(`${deepLinkScheme}:`)) ?? null;
}

export type DeepLinkDispatcher = {
  /** A link from argv or `open-url`: parsed, logged when refused, delivered or held until its window is ready. */
  open(link: string): DeepLinkResult;
  /** `workspace`'s window can receive messages (its page loaded); the links held for it (or for any window) go now. */
  attach(workspace: string, send: (action: DeepLinkAction) => void): void;
  /** `workspace`'s window closed; links held for it go to the current window if it has loaded (else another loaded one), or wait for the next window to load. */
  detach(workspace: string): void;
  /** `workspace`'s page is gone but its window stays and loads again (its renderer died and reloads): links held for it wait for that load. */
  reloading(workspace: string): void;
};

export type DeepLinkDispatcherOptions = {
  /** The workspace whose window takes a link now (main: the focused window's, else the most recent); null when there is no window. */
  target: () => string | null;
  /** Brings `workspace`'s window to the front, for each accepted link. */
  focus: (workspace: string) => void;
  /** An accepted link found no window: main opens the default workspace's (once it can make windows). */
  noWindow: () => void;
  /** `error` carries no text of the link; log it, never `link` (it may carry a caller's number). */
  onRefused: (link: string, error: DeepLinkError) => void;
};

/**
 * Sends each accepted link to one window: the target's when the link arrives. A link that finds
 * the target still loading waits for it; one that finds no window at all goes to the first window
 * that loads (at launch, before any window exists, that is one of the reopened workspaces).
 */
export function createDeepLinkDispatcher(options: DeepLinkDispatcherOptions): DeepLinkDispatcher {
  const senders = new Map<string, (action: DeepLinkAction) => void>();
  /** `workspace` null: for whichever window loads first. */
  const held: { action: DeepLinkAction; workspace: string | null }[] = [];
  const hold = (action: DeepLinkAction, workspace: string | null): void => {
    held.push({ action, workspace });
    held.splice(0, Math.max(0, held.length - maxHeld));
  };
  /** Sends, in order, what is held for `workspace` or for any window. */
  const release = (workspace: string, send: (action: DeepLinkAction) => void): void => {
    const due = held.filter((entry) => entry.workspace === null || entry.workspace === workspace);
    held.splice(0, held.length, ...held.filter((entry) => !due.includes(entry)));
    for (const entry of due) send(entry.action);
  };
  return {
    open(link) {
      const result = parseDeepLink(link);
      if (!result.ok) {
        options.onRefused(link, result.error);
        return result;
      }
      const workspace = options.target();
      if (workspace === null) {
        hold(result.value, null);
        options.noWindow();
        return result;
      }
      const send = senders.get(workspace);
      if (send) {
        release(workspace, send);
        send(result.value);
      } else hold(result.value, workspace);
      options.focus(workspace);
      return result;
    },
    attach(workspace, send) {
      senders.set(workspace, send);
      release(workspace, send);
    },
    reloading(workspace) {
      senders.delete(workspace);
    },
    detach(workspace) {
      senders.delete(workspace);
      const orphaned = held.filter((entry) => entry.workspace === workspace);
      if (orphaned.length === 0) return;
      // Windows that have loaded never attach again: the links go to the current window (main may
      // still name the closing one while it closes), else to the last window to have loaded, else
      // to whichever window loads next.
      const current = options.target();
      const isOther = current !== null && current !== workspace;
      const recipient = isOther ? current : ([...senders.keys()].at(-1) ?? null);
      for (const entry of orphaned) entry.workspace = recipient;
      const send = recipient === null ? undefined : senders.get(recipient);
      if (recipient === null || send === undefined) return;
      release(recipient, send);
      options.focus(recipient);
    },
  };
}
