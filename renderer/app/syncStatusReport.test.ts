/** The status the desktop shell's tray shows, from the status bar's facts. */
import { describe, expect, it } from 'vitest';
import { syncStatusReport, type SyncFacts } from './syncStatusReport';

const facts = (over: Partial<SyncFacts>): SyncFacts => ({ live: 'open', isSyncing: false, isOnline: true, pending: 0, lastSyncAt: '2026-11-20T09:30:00.000Z', ...over });

describe('sync status report', () => {
  it('is online with the live channel open or another window leading, syncing while a push or pull runs', () => {
    expect(syncStatusReport(facts({}))).toEqual({ connection: 'online', pendingChanges: 0, lastSyncAt: '2026-11-20T09:30:00.000Z' });
    expect(syncStatusReport(facts({ live: 'follower' })).connection).toBe('online');
    expect(syncStatusReport(facts({ isSyncing: true, pending: 2 }))).toMatchObject({ connection: 'syncing', pendingChanges: 2 });
  });

  it('is offline without a network, with the channel closed or not yet connected, whatever the worker last said', () => {
    expect(syncStatusReport(facts({ isOnline: false, isSyncing: true, pending: 1 }))).toMatchObject({ connection: 'offline', pendingChanges: 1 });
    expect(syncStatusReport(facts({ live: 'closed' })).connection).toBe('offline');
    expect(syncStatusReport(facts({ live: 'connecting' })).connection).toBe('offline');
  });

  it('reports no last sync before the first checkpoint, or when the stored time is not an ISO time', () => {
    expect(syncStatusReport(facts({ lastSyncAt: null })).lastSyncAt).toBeNull();
    expect(syncStatusReport(facts({ lastSyncAt: 'yesterday' })).lastSyncAt).toBeNull();
  });
});
