/**
 * The window's side of search: one search worker per open database (started on first use, or
 * early with `startSearchIndex`), searchers that ask it, and the `useSearch` hook. A searcher's
 * later request supersedes its earlier ones: a superseded request resolves with the answer to the
 * latest one (its `text` says which query it answers), so awaiting any of them gives the freshest.
 */
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { CasewayDb } from '../db/database';
import type { SearchHit, SearchType } from './searchIndex';
import type { SearchCommand, SearchEvent, SearchProgress } from './searchProtocol';

export type { SearchField, SearchHit, SearchType } from './searchIndex';
export type { SearchProgress } from './searchProtocol';

export type SearchOptions = {
  /** Only these kinds of record (all when absent). */
  types?: readonly SearchType[];
  /** At most this many hits, best first (50 when absent). */
  limit?: number;
};

export type SearchAnswer = {
  /** The query this answers. */
  text: string;
  hits: SearchHit[];
  /** All matching records, of which `hits` are the best. */
  total: number;
  totalsByType: Record<SearchType, number>;
  /** False while the index is still being built or catching up with changes: more may match. */
  isComplete: boolean;
  indexed: number;
  toIndex: number;
  /** Time the worker took to answer, in ms. */
  tookMs: number;
  /** Why this query could not be answered (no hits then); null normally. */
  error: string | null;
};

export type Searcher = { search(text: string, options?: SearchOptions): Promise<SearchAnswer> };

type ResultEvent = Extract<SearchEvent, { type: 'result' }>;
type Pending = { resolve: (event: ResultEvent) => void; reject: (error: Error) => void };
type Connection = {
  db: CasewayDb;
  worker: Worker;
  nextId: number;
  pending: Map<number, Pending>;
  progress: SearchProgress;
  listeners: Set<() => void>;
  /** Whether the worker was told to build the index yet (see startSearchIndex). */
  isStarted: boolean;
  startTimer: ReturnType<typeof setTimeout> | null;
};

const initialProgress: SearchProgress = { indexed: 0, toIndex: 0, isComplete: false, version: 0 };
let connection: Connection | null = null;

function notify(c: Connection): void {
  for (const listener of c.listeners) listener();
}

function failAll(c: Connection, message: string): void {
  for (const p of c.pending.values()) p.reject(new Error(message));
  c.pending.clear();
}

function connect(db: CasewayDb): Connection {
  if (connection?.db === db) return connection;
  // One signed-in user per window: a new database replaces the previous one's worker.
  if (connection) stopSearchIndex(connection.db);
  const worker = new Worker(new URL('./searchWorker.ts', import.meta.url), { type: 'module' });
  const c: Connection = { db, worker, nextId: 1, pending: new Map(), progress: initialProgress, listeners: new Set(), isStarted: false, startTimer: null };
  worker.addEventListener('message', (event: MessageEvent<SearchEvent>) => {
    const e = event.data;
    switch (e.type) {
      case 'status':
        c.progress = { indexed: e.indexed, toIndex: e.toIndex, isComplete: e.isComplete, version: e.version };
        notify(c);
        break;
      case 'result':
        c.pending.get(e.requestId)?.resolve(e);
        c.pending.delete(e.requestId);
        break;
      case 'failed':
        if (e.requestId === undefined) console.error(`search index: ${e.message}`);
        else {
          c.pending.get(e.requestId)?.reject(new Error(e.message));
          c.pending.delete(e.requestId);
        }
        break;
      default: {
        const exhaustive: never = e;
        return exhaustive;
      }
    }
  });
  worker.addEventListener('error', (event) => failAll(c, event.message || 'the search worker failed'));
  connection = c;
  return c;
}

/** Tells the worker to build the index now, if it has not been told yet. */
function ensureStarted(c: Connection): void {
  if (c.isStarted) return;
  c.isStarted = true;
  if (c.startTimer) clearTimeout(c.startTimer);
  c.startTimer = null;
  c.worker.postMessage({ type: 'start', dbName: c.db.name } satisfies SearchCommand);
}

/**
 * Loads the search worker for `db` now (so search also works when the app goes offline later) and
 * starts building the index after `delayMs`: at launch the first screen reads the same database,
 * and a build running beside it would slow it down. A search asked before then starts it at once.
 */
export function startSearchIndex(db: CasewayDb, delayMs = 0): void {
  const c = connect(db);
  if (c.isStarted || c.startTimer) return;
  if (delayMs <= 0) ensureStarted(c);
  else c.startTimer = setTimeout(() => ensureStarted(c), delayMs);
}

/** Stops the worker of `db` (at sign-out); waiting searches fail. */
export function stopSearchIndex(db: CasewayDb): void {
  if (connection?.db !== db) return;
  const c = connection;
  connection = null;
  if (c.startTimer) clearTimeout(c.startTimer);
  c.worker.terminate();
  failAll(c, 'search stopped');
}

/** How far indexing `db` is (starts its worker when needed). */
export function searchProgress(db: CasewayDb): SearchProgress {
  return connect(db).progress;
}

/** Calls `listener` whenever the progress of `db`'s index changes; returns the unsubscribe. */
export function subscribeSearchProgress(db: CasewayDb, listener: () => void): () => void {
  const c = connect(db);
  c.listeners.add(listener);
  return () => c.listeners.delete(listener);
}

function emptyAnswer(text: string, progress: SearchProgress): SearchAnswer {
  const totalsByType = { case: 0, consumer: 0, contact: 0, account: 0, household: 0, installBaseItem: 0 };
  return { text, hits: [], total: 0, totalsByType, isComplete: progress.isComplete, indexed: progress.indexed, toIndex: progress.toIndex, tookMs: 0, error: null };
}

function request(c: Connection, text: string, options: SearchOptions): Promise<ResultEvent> {
  const requestId = c.nextId++;
  ensureStarted(c);
  return new Promise((resolve, reject) => {
    c.pending.set(requestId, { resolve, reject });
    c.worker.postMessage({ type: 'query', requestId, text, ...(options.types ? { types: [...options.types] } : {}), ...(options.limit !== undefined ? { limit: options.limit } : {}) } satisfies SearchCommand);
  });
}

/** A searcher over `db`'s index with its own sequence of requests (one per search box). */
export function createSearcher(db: CasewayDb): Searcher {
  let latest = 0;
  let waiting: Pending[] = [];
  return {
    search(text, options = {}) {
      const ticket = ++latest;
      return new Promise<SearchAnswer>((resolve, reject) => {
        waiting.push({ resolve: (e) => resolve(toAnswer(e)), reject });
        const settle = (outcome: { event: ResultEvent } | { error: Error }): void => {
          if (ticket !== latest) return; // superseded: the latest request settles everyone waiting
          const settled = waiting;
          waiting = [];
          for (const w of settled) {
            if ('event' in outcome) w.resolve(outcome.event);
            else w.reject(outcome.error);
          }
        };
        const c = connect(db);
        if (text.trim() === '') {
          settle({ event: { type: 'result', requestId: 0, ...emptyAnswer(text, c.progress), version: c.progress.version } });
          return;
        }
        request(c, text, options).then(
          (event) => settle({ event }),
          (error: unknown) => settle({ error: error instanceof Error ? error : new Error(String(error)) }),
        );
      });
    },
  };
}

function toAnswer(e: ResultEvent): SearchAnswer {
  return { text: e.text, hits: e.hits, total: e.total, totalsByType: e.totalsByType, isComplete: e.isComplete, indexed: e.indexed, toIndex: e.toIndex, tookMs: e.tookMs, error: null };
}

/** How far indexing `db` is, as React state. */
export function useSearchProgress(db: CasewayDb): SearchProgress {
  const subscribe = useCallback((listener: () => void) => subscribeSearchProgress(db, listener), [db]);
  return useSyncExternalStore(subscribe, () => searchProgress(db));
}

/**
 * The latest answer for `text` over `db`'s index (null before the first; its `text` may lag what
 * was typed by a keystroke). Asked again whenever the index changes (a record synced or edited,
 * more of the first build done), so what is shown stays current without typing again.
 */
export function useSearch(db: CasewayDb, text: string, options: SearchOptions = {}): SearchAnswer | null {
  const searcher = useMemo(() => createSearcher(db), [db]);
  const { version } = useSearchProgress(db);
  const [answer, setAnswer] = useState<SearchAnswer | null>(null);
  const typesKey = options.types?.join(',') ?? '';
  // Callers may pass a fresh array each render: the request changes only when its content does.
  const types = useMemo(() => options.types, [typesKey]);
  const limit = options.limit;

  useEffect(() => {
    let isCurrent = true;
    const asked = { ...(types ? { types } : {}), ...(limit !== undefined ? { limit } : {}) };
    searcher.search(text, asked).then(
      (next) => {
        if (isCurrent) setAnswer(next);
      },
      (e: unknown) => {
        if (isCurrent) setAnswer({ ...emptyAnswer(text, searchProgress(db)), error: e instanceof Error ? e.message : String(e) });
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [db, searcher, text, types, limit, version]);

  return answer;
}
