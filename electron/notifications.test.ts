/** The notification handler on the IPC registry, with stand-ins for Electron's ipcMain and Notification. */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createIpcRegistry, type IpcRefusal } from './ipc';
import { registerNotifications, type NotifyOutcome } from './notifications';

function setUp(isSupported = true) {
  const ipcMain = Object.assign(new EventEmitter(), { handle: () => undefined });
  const shown: { title: string; body: string }[] = [];
  class FakeNotification {
    static isSupported = () => isSupported;
    constructor(readonly options: { title: string; body: string }) {}
    show(): void {
      shown.push(this.options);
    }
  }
  const outcomes: NotifyOutcome[] = [];
  const refusals: IpcRefusal[] = [];
  const registry = createIpcRegistry({ ipcMain, isTrustedUrl: (url) => url.startsWith('http://localhost:4310/'), isOwnWindow: () => true, onRefused: (r) => refusals.push(r) });
  registerNotifications(registry, FakeNotification, (o) => outcomes.push(o));
  const send = (url: string | null, payload: unknown) => ipcMain.emit('caseway:notify.show', { senderFrame: url === null ? null : { url, parent: null }, sender: { id: 1 } }, payload);
  return { shown, outcomes, refusals, send };
}

describe('OS notifications over IPC', () => {
  it('shows a valid notification from our own window', () => {
    const { shown, outcomes, send } = setUp();
    send('http://localhost:4310/', { title: 'New assignment', body: 'CS0001234 Pothole on Main Street' });
    expect(shown).toEqual([{ title: 'New assignment', body: 'CS0001234 Pothole on Main Street' }]);
    expect(outcomes).toEqual([{ shown: true }]);
  });

  it('ignores other senders and bad payloads', () => {
    const { shown, outcomes, refusals, send } = setUp();
    send('https://evil.example/', { title: 'x', body: 'y' });
    send(null, { title: 'x', body: 'y' });
    send('http://localhost:4310/', { title: '', body: 'y' });
    send('http://localhost:4310/', { title: 'x', body: 'y', onClick: 'javascript:alert(1)' });
    send('http://localhost:4310/', 'just a string');
    expect(shown).toEqual([]);
    expect(outcomes).toEqual([]);
    expect(refusals.map((r) => r.reason)).toEqual(['untrusted_sender', 'untrusted_sender', 'invalid_payload', 'invalid_payload', 'invalid_payload']);
  });

  it('says so where the OS has no notifications', () => {
    const { shown, outcomes, send } = setUp(false);
    send('http://localhost:4310/', { title: 'x', body: 'y' });
    expect(shown).toEqual([]);
    expect(outcomes).toEqual([{ shown: false, reason: 'unsupported' }]);
  });
});
