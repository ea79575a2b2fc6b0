/**
 * `caseway://` links: parsed into the typed actions of shared/ipc/deepLinks.ts, found in a second
 * instance's argv (Windows, Linux) or given by macOS's `open-url`, and handed to the window once it
 * can receive them. Nothing here throws: a bad link becomes an error result that main logs.
 */
import { deepLinkActionSchema, normalisePhone, type DeepLinkAction, type DeepLinkError, type DeepLinkResult } from '../shared/ipc/deepLinks';

export const deepLinkScheme = 'caseway';
const maxLinkLength = 2048;
/** Links held while no window can take them: the latest few, not an unbounded queue. */
const maxHeld = 10;

function refuse(code: DeepLinkError['code'], path: string, message: string): DeepLinkResult {
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
  if (unknown !== undefined) return refuse('invalid', unknown, `unknown parameter "${unknown}"`);
  const channel = params.get('channel');
  const rawFrom = params.get('from')?.trim() || null;
  const from = channel === 'phone' && rawFrom !== null ? normalisePhone(rawFrom) : channel === 'email' ? (rawFrom?.toLowerCase() ?? null) : rawFrom;
  if (rawFrom !== null && from === null) return refuse('invalid', 'from', 'must be a phone number');
  return validated({ kind: 'startInteraction', channel, from });
}

function validated(candidate: unknown): DeepLinkResult {
  const parsed = deepLinkActionSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  return refuse('invalid', issue?.path.join('.') || 'link', issue?.message ?? 'invalid link');
}

/** `caseway://case/CS0001234` → open that case; `caseway://interaction?channel=phone&from=+61…` → start an interaction. */
export function parseDeepLink(link: string): DeepLinkResult {
  try {
    return parseLink(link);
  } catch (error) {
    // A link comes from anyone on the machine: whatever it trips, main keeps running.
    return refuse('invalid', 'link', error instanceof Error ? error.message : 'unreadable link');
  }
}

function parseLink(link: string): DeepLinkResult {
  if (link.length > maxLinkLength) return refuse('invalid', 'link', `longer than ${maxLinkLength} characters`);
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return refuse('not_caseway', 'link', 'not a URL');
  }
  if (url.protocol !== `${deepLinkScheme}:`) return refuse('not_caseway', 'link', `not a ${deepLinkScheme}:// link`);
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
      return refuse('unknown_action', 'action', `unknown action "${action ?? ''}"`);
  }
}

/** The deep link a second instance was started with (Windows and Linux pass it in argv), if any. */
export function findDeepLinkInArgv(argv: readonly string[]): string | null {
  return argv.find((arg) => arg.toLowerCase().startsWith(`${deepLinkScheme}:`)) ?? null;
}

export type DeepLinkDispatcher = {
  /** A link from argv or `open-url`: parsed, logged when refused, delivered or held until the window is ready. */
  open(link: string): DeepLinkResult;
  /** The window can receive messages (its page loaded); held actions go now. */
  attach(send: (action: DeepLinkAction) => void): void;
  /** The window is gone; actions are held again until the next one loads. */
  detach(): void;
};

/** Holds actions until a window can take them; `focus` brings the window forward for each accepted link. */
export function createDeepLinkDispatcher(options: { focus: () => void; onRefused: (link: string, error: DeepLinkError) => void }): DeepLinkDispatcher {
  let send: ((action: DeepLinkAction) => void) | null = null;
  const held: DeepLinkAction[] = [];
  return {
    open(link) {
      const result = parseDeepLink(link);
      if (!result.ok) {
        options.onRefused(link, result.error);
        return result;
      }
      if (send) send(result.value);
      else {
        held.push(result.value);
        held.splice(0, Math.max(0, held.length - maxHeld));
      }
      options.focus();
      return result;
    },
    attach(sender) {
      send = sender;
      for (const action of held.splice(0)) sender(action);
    },
    detach() {
      send = null;
    },
  };
}
