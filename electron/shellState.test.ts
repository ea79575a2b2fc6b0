import { describe, expect, it, vi } from 'vitest';
import { createShellState, desktopSyncStatus, initialSyncStatus, shellDisplayKey, type ShellSnapshot } from './shellState';

const start = new Date('2026-12-02T10:00:00Z');
const council = 'https://council.example.org';
const water = 'https://water.example.org';

/** A shell showing `council`, as main's does once its window opened. */
function setUp() {
  let now = start;
  const onChange = vi.fn<(snapshot: ShellSnapshot) => void>();
  const shell = createShellState({ updateCheck: 'idle', now: () => now, onChange });
  shell.show(council);
  onChange.mockClear();
  const advance = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };
  return { shell, onChange, advance };
}

describe('shell state', () => {
  it('turns the renderer’s report into the status main holds (lastSyncAt as a Date)', () => {
    expect(desktopSyncStatus({ connection: 'online', pendingChanges: 2, lastSyncAt: '2026-12-02T09:55:00.000Z' })).toEqual({ connection: 'online', pendingChanges: 2, lastSyncAt: new Date('2026-12-02T09:55:00Z') });
    expect(desktopSyncStatus({ connection: 'offline', pendingChanges: 0, lastSyncAt: '2026-12-02T10:55:00+01:00' }).lastSyncAt?.toISOString()).toBe('2026-12-02T09:55:00.000Z');
    expect(desktopSyncStatus({ connection: 'syncing', pendingChanges: 0, lastSyncAt: null }).lastSyncAt).toBeNull();
    expect(desktopSyncStatus({ connection: 'syncing', pendingChanges: 0, lastSyncAt: 'garbage' }).lastSyncAt).toBeNull();
  });

  it('starts offline and not synced, until the renderer reports', () => {
    const { shell } = setUp();
    expect(shell.snapshot()).toEqual({ workspace: council, sync: { connection: 'offline', pendingChanges: 0, lastSyncAt: null }, updateCheck: 'idle' });
    expect(createShellState({ updateCheck: 'idle', now: () => start, onChange: () => undefined }).snapshot()).toEqual({ workspace: null, sync: initialSyncStatus, updateCheck: 'idle' });
  });

  it('keeps one status per workspace and shows the current workspace’s', () => {
    const { shell, onChange } = setUp();
    shell.reportSync(water, { connection: 'online', pendingChanges: 4, lastSyncAt: null });
    // Another workspace's report changes nothing shown.
    expect(onChange).not.toHaveBeenCalled();
    expect(shell.snapshot().sync).toEqual(initialSyncStatus);
    shell.reportSync(council, { connection: 'syncing', pendingChanges: 0, lastSyncAt: null });
    expect(onChange.mock.lastCall?.[0]).toMatchObject({ workspace: council, sync: { connection: 'syncing' } });
    shell.show(water);
    expect(onChange.mock.lastCall?.[0]).toMatchObject({ workspace: water, sync: { connection: 'online', pendingChanges: 4 } });
    shell.show(council);
    expect(shell.snapshot().sync.connection).toBe('syncing');
    // A closed window's workspace starts again from the initial status.
    shell.forget(council);
    expect(shell.snapshot()).toMatchObject({ workspace: council, sync: initialSyncStatus });
    shell.show(null);
    expect(shell.snapshot()).toEqual({ workspace: null, sync: initialSyncStatus, updateCheck: 'idle' });
    expect(onChange).toHaveBeenCalledTimes(5);
  });

  it('asks for a rebuild when the sync state shown changes, not for a repeat of the same report', () => {
    const { shell, onChange } = setUp();
    const report = { connection: 'online', pendingChanges: 0, lastSyncAt: '2026-12-02T09:59:30.000Z' } as const;
    shell.reportSync(council, report);
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange.mock.lastCall?.[0].sync).toEqual({ connection: 'online', pendingChanges: 0, lastSyncAt: new Date('2026-12-02T09:59:30Z') });
    shell.reportSync(council, report);
    // A newer checkpoint that still reads "just now" looks the same; the snapshot still follows it.
    shell.reportSync(council, { ...report, lastSyncAt: '2026-12-02T09:59:50.000Z' });
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(shell.snapshot().sync.lastSyncAt).toEqual(new Date('2026-12-02T09:59:50Z'));
    shell.reportSync(council, { ...report, pendingChanges: 3 });
    shell.reportSync(council, { ...report, pendingChanges: 3, connection: 'syncing' });
    expect(onChange).toHaveBeenCalledTimes(3);
  });

  it('asks for a rebuild when the update check changes', () => {
    const { shell, onChange } = setUp();
    shell.setUpdateCheck('checking');
    shell.setUpdateCheck('checking');
    shell.setUpdateCheck('readyToInstall');
    expect(onChange.mock.calls.map(([s]) => s.updateCheck)).toEqual(['checking', 'readyToInstall']);
  });

  it('rebuilds on a tick only when the "last synced" label has aged', () => {
    const { shell, onChange, advance } = setUp();
    shell.reportSync(council, { connection: 'online', pendingChanges: 0, lastSyncAt: start.toISOString() });
    onChange.mockClear();
    advance(30_000);
    shell.tick();
    expect(onChange).not.toHaveBeenCalled();
    advance(40_000);
    shell.tick();
    expect(onChange).toHaveBeenCalledTimes(1);
    shell.tick();
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('keys the display on everything the menu and the tray show', () => {
    const base: ShellSnapshot = { workspace: council, sync: { connection: 'online', pendingChanges: 0, lastSyncAt: null }, updateCheck: 'idle' };
    const key = shellDisplayKey(base, start);
    expect(shellDisplayKey({ ...base, sync: { ...base.sync, connection: 'offline' } }, start)).not.toBe(key);
    expect(shellDisplayKey({ ...base, sync: { ...base.sync, pendingChanges: 1 } }, start)).not.toBe(key);
    expect(shellDisplayKey({ ...base, sync: { ...base.sync, lastSyncAt: start } }, start)).not.toBe(key);
    expect(shellDisplayKey({ ...base, updateCheck: 'downloading' }, start)).not.toBe(key);
    expect(shellDisplayKey({ ...base, workspace: water }, start)).not.toBe(key);
    expect(shellDisplayKey({ ...base }, new Date(start.getTime() + 86_400_000))).toBe(key);
  });
});
