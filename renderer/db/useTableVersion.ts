/**
 * A counter that moves when any of the named tables of `db` changes, in this window or in another
 * window or worker of the same profile (Dexie's `storagemutated` event, broadcast across them).
 * Views that read thousands of records reload on it, at most once per `throttleMs`, instead of
 * re-running their query for every page the sync worker writes.
 */
import { Dexie } from 'dexie';
import { useEffect, useState } from 'react';
import type { RecordType } from '../../shared/domain/records';
import type { CasewayDb } from './database';

export function useTableVersion(db: CasewayDb, tables: readonly RecordType[], throttleMs = 300): number {
  const [version, setVersion] = useState(0);
  const key = tables.join(',');
  useEffect(() => {
    const prefixes = key.split(',').map((table) => `idb://${db.name}/${table}/`);
    let timer: ReturnType<typeof setTimeout> | null = null;
    let lastFired = 0;
    const fire = (): void => {
      timer = null;
      lastFired = Date.now();
      setVersion((v) => v + 1);
    };
    const listener = (parts: Record<string, unknown>): void => {
      if (!Object.keys(parts).some((part) => prefixes.some((p) => part.startsWith(p)))) return;
      if (timer) return;
      const wait = Math.max(0, lastFired + throttleMs - Date.now());
      if (wait === 0) fire();
      else timer = setTimeout(fire, wait);
    };
    Dexie.on('storagemutated', listener);
    return () => {
      Dexie.on('storagemutated').unsubscribe(listener);
      if (timer) clearTimeout(timer);
    };
  }, [db, key, throttleMs]);
  return version;
}
