/**
 * What this device already told its user about, kept per user and kind in localStorage (under
 * `caseway.`, so a device wipe clears it with the rest), so a reload or the next launch does not
 * tell them again. Only the latest `max` keys are kept: old ones no longer come back.
 */

export type NotifiedMemory = {
  /** Nothing was remembered yet on this device: the first read only learns what is there. */
  readonly isFirstRun: boolean;
  has(key: string): boolean;
  /** Adds keys (the newest last) and saves at once. */
  remember(keys: readonly string[]): void;
};

export type NoticeKind = 'approval' | 'sla';

export function notifiedKey(kind: NoticeKind, userId: string): string {
  return `caseway.notified.${kind}.${userId}`;
}

function read(storage: Pick<Storage, 'getItem'>, key: string): string[] | null {
  const raw = storage.getItem(key);
  if (raw === null) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((k): k is string => typeof k === 'string') : [];
  } catch {
    return [];
  }
}

/** Reads the memory now; `remember` writes through, so two readers of one key see each other's keys on their next read. */
export function notifiedMemory(storage: Pick<Storage, 'getItem' | 'setItem'>, key: string, max: number): NotifiedMemory {
  const stored = read(storage, key);
  const keys = new Set(stored ?? []);
  return {
    isFirstRun: stored === null,
    has: (k) => keys.has(k),
    remember(added) {
      if (added.length === 0 && stored !== null) return;
      for (const k of added) {
        // Re-adding moves a key to the end, so the ones still seen are the last to go.
        keys.delete(k);
        keys.add(k);
      }
      const kept = [...keys].slice(-max);
      try {
        storage.setItem(key, JSON.stringify(kept));
      } catch {
        // A full storage only means the user may be told again after a reload.
      }
    },
  };
}
