/**
 * The desktop host over a stand-in bridge: token through the keychain channels, deep links and
 * menu commands checked at the edge, sync status and log lines checked before they leave; and the
 * web host, which has none of the shell's channels and must run without a bridge.
 */
import { describe, expect, it, vi } from 'vitest';
import type { CasewayBridge, IpcResult, RendererLogEntry, ShellCommand, SyncStatusReport, TokenSaveOutcome } from '../../shared/ipc/bridge';
import type { DeepLinkAction } from '../../shared/ipc/deepLinks';
import { desktopHost, webHost } from './host';

function fakeBridge() {
  let stored: string | null = null;
  let deepLinkListener: ((action: DeepLinkAction) => void) | null = null;
  let commandListener: ((command: ShellCommand) => void) | null = null;
  const notified: { title: string; body: string }[] = [];
  const logged: RendererLogEntry[] = [];
  const reported: SyncStatusReport[] = [];
  const bridge: CasewayBridge = {
    kind: 'desktop',
    versions: { app: '0.1.0', electron: '41', chrome: '146' },
    notify: (input) => void notified.push(input),
    loadToken: async (): Promise<IpcResult<string | null>> => ({ ok: true, value: stored }),
    saveToken: async (token): Promise<IpcResult<TokenSaveOutcome>> => {
      stored = token;
      return { ok: true, value: token === null ? { isPersisted: false, reason: 'cleared' } : { isPersisted: true } };
    },
    onDeepLink: (listener) => {
      deepLinkListener = listener;
      return () => (deepLinkListener = null);
    },
    log: (entry) => void logged.push(entry),
    reportSyncStatus: (status) => void reported.push(status),
    onCommand: (listener) => {
      commandListener = listener;
      return () => (commandListener = null);
    },
  };
  return {
    bridge,
    notified,
    logged,
    reported,
    push: (action: unknown) => deepLinkListener?.(action as DeepLinkAction),
    isListening: () => deepLinkListener !== null,
    command: (command: unknown) => commandListener?.(command as ShellCommand),
    isListeningForCommands: () => commandListener !== null,
  };
}

describe('desktop host', () => {
  it('keeps the token through the bridge and notifies through the OS', async () => {
    const { bridge, notified } = fakeBridge();
    const host = desktopHost(bridge);
    expect(host.kind).toBe('desktop');
    await host.saveToken('abcdefghijklmnopqrstuvwxyz');
    await expect(host.loadToken()).resolves.toBe('abcdefghijklmnopqrstuvwxyz');
    await host.saveToken(null);
    await expect(host.loadToken()).resolves.toBeNull();
    host.notify('New assignment', 'CS0001234');
    expect(notified).toEqual([{ title: 'New assignment', body: 'CS0001234' }]);
  });

  it('clips a notification to what the bridge accepts instead of losing it', () => {
    const { bridge, notified } = fakeBridge();
    desktopHost(bridge).notify('T'.repeat(200), 'B'.repeat(1000));
    expect(notified).toHaveLength(1);
    expect(notified[0]?.title).toHaveLength(120);
    expect(notified[0]?.body).toHaveLength(400);
    expect(notified[0]?.body.endsWith('…')).toBe(true);
  });

  it('reads a refused load as no token rather than failing sign-in, and logs why', async () => {
    const { bridge, logged } = fakeBridge();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const host = desktopHost({ ...bridge, loadToken: async () => ({ ok: false, error: { code: 'failed', path: 'handler', message: 'locked' } }) });
    await expect(host.loadToken()).resolves.toBeNull();
    expect(logged).toEqual([{ level: 'warn', message: 'session token not loaded: locked' }]);
    warn.mockRestore();
  });

  it('passes on valid deep links only, until unsubscribed', () => {
    const { bridge, push, isListening } = fakeBridge();
    const seen: DeepLinkAction[] = [];
    const stop = desktopHost(bridge).onDeepLink((action) => seen.push(action));
    push({ kind: 'openCase', number: 'CS0001234' });
    push({ kind: 'openCase', number: 'DROP TABLE' });
    push({ kind: 'startInteraction', channel: 'phone', from: '+61298765432' });
    expect(seen).toEqual([
      { kind: 'openCase', number: 'CS0001234' },
      { kind: 'startInteraction', channel: 'phone', from: '+61298765432' },
    ]);
    stop();
    expect(isListening()).toBe(false);
  });

  it('passes on known menu commands only, until unsubscribed', () => {
    const { bridge, command, isListeningForCommands } = fakeBridge();
    const seen: ShellCommand[] = [];
    const stop = desktopHost(bridge).onCommand((c) => seen.push(c));
    for (const c of ['newInteraction', 'formatDisk', 'commandPalette', { command: 'syncNow' }, 'keyboardHelp', 'syncNow', null]) command(c);
    expect(seen).toEqual(['newInteraction', 'commandPalette', 'keyboardHelp', 'syncNow']);
    stop();
    expect(isListeningForCommands()).toBe(false);
  });

  it('forwards valid sync status reports and log lines; a malformed report is logged, not sent', () => {
    const { bridge, reported, logged } = fakeBridge();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const host = desktopHost(bridge);
    host.reportSyncStatus({ connection: 'offline', pendingChanges: 3, lastSyncAt: '2026-11-20T09:30:00.000Z' });
    host.reportSyncStatus({ connection: 'online', pendingChanges: -1, lastSyncAt: null });
    expect(reported).toEqual([{ connection: 'offline', pendingChanges: 3, lastSyncAt: '2026-11-20T09:30:00.000Z' }]);
    expect(logged).toEqual([{ level: 'warn', message: 'sync status not reported: pendingChanges' }]);
    host.log('error', 'x'.repeat(3000));
    host.log('info', '');
    expect(logged.slice(1).map((l) => [l.level, l.message.length])).toEqual([['error', 2000]]);
    warn.mockRestore();
  });
});

describe('web host', () => {
  it('has no deep links, commands, sync status or log file', () => {
    const stop = webHost.onDeepLink(() => {
      throw new Error('never called');
    });
    expect(stop()).toBeUndefined();
    const stopCommands = webHost.onCommand(() => {
      throw new Error('never called');
    });
    expect(stopCommands()).toBeUndefined();
    expect(() => webHost.reportSyncStatus({ connection: 'online', pendingChanges: 0, lastSyncAt: null })).not.toThrow();
    expect(() => webHost.log('info', 'nothing to write to')).not.toThrow();
  });
});
