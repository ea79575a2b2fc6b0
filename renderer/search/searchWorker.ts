/// <reference lib="webworker" />
/**
 * The search index's home: a Web Worker, so building it over a large cache never blocks the UI.
 * It opens the user's database by name (reading only), keeps a live index of it (liveIndex.ts),
 * reports progress at most four times a second, and answers queries meanwhile from what it holds.
 */
import '../zodJitless';
import { openCache } from '../db/database';
import { createLiveIndex, defaultLiveIndexTiming, type LiveIndex } from './liveIndex';
import type { SearchCommand, SearchEvent } from './searchProtocol';

declare const self: DedicatedWorkerGlobalScope;

const statusIntervalMs = 250;
let live: LiveIndex | null = null;
let statusTimer: ReturnType<typeof setTimeout> | null = null;

function post(event: SearchEvent): void {
  self.postMessage(event);
}

function reportStatus(): void {
  statusTimer = null;
  if (live) post({ type: 'status', ...live.progress() });
}

/** At most one status per interval; at once when the index has become complete. */
function reportSoon(isComplete: boolean): void {
  if (isComplete) {
    if (statusTimer) clearTimeout(statusTimer);
    reportStatus();
    return;
  }
  statusTimer ??= setTimeout(reportStatus, statusIntervalMs);
}

async function answer(command: Extract<SearchCommand, { type: 'query' }>, index: LiveIndex): Promise<void> {
  const started = performance.now();
  const result = await index.query(command.text, { ...(command.types ? { types: command.types } : {}), ...(command.limit !== undefined ? { limit: command.limit } : {}) });
  post({ type: 'result', requestId: command.requestId, text: command.text, hits: result.hits, total: result.total, totalsByType: result.totalsByType, tookMs: performance.now() - started, ...index.progress() });
}

self.addEventListener('message', (event: MessageEvent<SearchCommand>) => {
  const command = event.data;
  switch (command.type) {
    case 'start': {
      if (live) return;
      // Reads only, so durability does not matter; relaxed as for every other cache reader in a worker.
      const db = openCache(command.dbName, { durability: 'relaxed' });
      live = createLiveIndex(db, { ...defaultLiveIndexTiming, onProgress: (p) => reportSoon(p.isComplete), onError: (message) => post({ type: 'failed', message }) });
      live.start();
      break;
    }
    case 'query': {
      if (!live) {
        post({ type: 'failed', requestId: command.requestId, message: 'the search index has not been started' });
        return;
      }
      void answer(command, live).catch((error: unknown) => post({ type: 'failed', requestId: command.requestId, message: error instanceof Error ? error.message : String(error) }));
      break;
    }
    default: {
      const exhaustive: never = command;
      return exhaustive;
    }
  }
});
