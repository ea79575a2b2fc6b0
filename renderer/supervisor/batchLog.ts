/**
 * The bulk reassignments this browser profile made, per user, for their outcome reports: the
 * target and, per case, the id of the last `case.assign` queued for it. Only ids live here (UI
 * state, like saved filters); what became of each mutation is read from the outbox and the sync
 * issues. Kept in localStorage so a report survives a restart while the device is still offline.
 */
import { create } from 'zustand';
import type { Batch } from './boardModel';

/** Reports kept per user; older ones are dropped (their refusals still show as sync issues). */
const keep = 10;

function storageKey(userId: string): string {
  return `caseway.reassignments.${userId}`;
}

function isBatch(value: unknown): value is Batch {
  if (typeof value !== 'object' || value === null) return false;
  const b = value as Record<string, unknown>;
  return typeof b.id === 'string' && typeof b.at === 'string' && typeof b.cases === 'object' && b.cases !== null && typeof b.target === 'object' && b.target !== null;
}

/** Reads the saved batches, dropping anything that is not one (a hand-edited profile). */
export function parseBatches(json: string | null): Batch[] {
  if (!json) return [];
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter(isBatch) : [];
  } catch {
    return [];
  }
}

type BatchLogState = {
  userId: string | null;
  batches: Batch[];
  /** Reads the user's batches (once per user). */
  load(userId: string): void;
  /** Records a new batch, or replaces the one with the same id (a retry). */
  save(batch: Batch): void;
  /** Removes a report the supervisor is done with. */
  hide(batchId: string): void;
};

export const useBatchLog = create<BatchLogState>()((set, get) => {
  const persist = (batches: Batch[]): void => {
    const { userId } = get();
    if (userId === null) return;
    localStorage.setItem(storageKey(userId), JSON.stringify(batches));
    set({ batches });
  };
  return {
    userId: null,
    batches: [],
    load: (userId) => {
      if (get().userId === userId) return;
      set({ userId, batches: parseBatches(localStorage.getItem(storageKey(userId))) });
    },
    save: (batch) => {
      // Another window of the same profile may have added one meanwhile: start from storage.
      const { userId } = get();
      const current = userId === null ? get().batches : parseBatches(localStorage.getItem(storageKey(userId)));
      persist([batch, ...current.filter((b) => b.id !== batch.id)].slice(0, keep));
    },
    hide: (batchId) => persist(get().batches.filter((b) => b.id !== batchId)),
  };
});
