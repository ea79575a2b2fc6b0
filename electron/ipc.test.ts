/** The IPC registry in Node: an EventEmitter stands in for ipcMain (send) and a map for its handle(). */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ipcChannelPattern, ipcChannels, ipcInvokeSchemas, ipcSendSchemas } from '../shared/ipc/bridge';
import { createIpcRegistry, type IpcMainLike, type IpcRefusal } from './ipc';

type Sender = { senderFrame: { url: string; parent: unknown } | null; sender: { id: number } };

type Windows = (contentsId: number, origin: string) => boolean;
/** By default web contents 1 is the window of http://localhost:4310 (main's registry of windows knows which is whose). */
const localWindow: Windows = (contentsId, origin) => contentsId === 1 && origin === 'http://localhost:4310';

function setUp(isTrustedUrl: (url: string) => boolean = (url) => url.startsWith('http://localhost:4310/'), isOwnWindow: Windows = localWindow) {
  const emitter = new EventEmitter();
  const handlers = new Map<string, (event: Sender, payload: unknown) => unknown>();
  const ipcMain: IpcMainLike = {
    on: (channel, listener) => emitter.on(channel, listener),
    handle: (channel, listener) => handlers.set(channel, listener),
  };
  const refusals: IpcRefusal[] = [];
  const registry = createIpcRegistry({ ipcMain, isTrustedUrl, isOwnWindow, onRefused: (r) => refusals.push(r) });
  const from = (url: string | null, options: { parent?: unknown; contentsId?: number } = {}): Sender => ({ senderFrame: url === null ? null : { url, parent: options.parent ?? null }, sender: { id: options.contentsId ?? 1 } });
  const invoke = (channel: string, url: string | null, payload?: unknown, options: { parent?: unknown; contentsId?: number } = {}) => handlers.get(channel)?.(from(url, options), payload);
  const send = (channel: string, url: string | null, payload: unknown, options: { parent?: unknown; contentsId?: number } = {}) => emitter.emit(channel, from(url, options), payload);
  return { registry, refusals, invoke, send };
}

const own = 'http://localhost:4310/';

describe('IPC registry', () => {
  it('names every channel caseway:<domain>.<verb> and gives each a payload schema', () => {
    for (const channel of Object.values(ipcChannels)) expect(channel).toMatch(ipcChannelPattern);
    const withSchema = [...Object.keys(ipcSendSchemas), ...Object.keys(ipcInvokeSchemas)];
    // deepLink.open goes from main to the renderer; the preload checks it against deepLinkActionSchema.
    expect(Object.values(ipcChannels).filter((c) => !withSchema.includes(c))).toEqual([ipcChannels.deepLink, ipcChannels.command]);
  });

  it('answers valid requests from our own pages with the handler’s value', async () => {
    const { registry, invoke } = setUp();
    const saved: (string | null)[] = [];
    registry.handle(ipcChannels.saveToken, ({ token }) => {
      saved.push(token);
      return { isPersisted: true };
    });
    registry.handle(ipcChannels.loadToken, () => 'token-from-keychain');
    await expect(invoke(ipcChannels.saveToken, own, { token: 'abcdefghijklmnopqrstuvwxyz' })).resolves.toEqual({ ok: true, value: { isPersisted: true } });
    await expect(invoke(ipcChannels.loadToken, `${own}cases`)).resolves.toEqual({ ok: true, value: 'token-from-keychain' });
    expect(saved).toEqual(['abcdefghijklmnopqrstuvwxyz']);
  });

  it('refuses other senders and invalid payloads with a logged reason, without calling the handler', async () => {
    const { registry, refusals, invoke } = setUp();
    let calls = 0;
    registry.handle(ipcChannels.saveToken, () => {
      calls += 1;
      return { isPersisted: true };
    });
    await expect(invoke(ipcChannels.saveToken, 'https://evil.example/', { token: 'abcdefghijklmnopqrstuvwxyz' })).resolves.toMatchObject({ ok: false, error: { code: 'untrusted_sender' } });
    await expect(invoke(ipcChannels.saveToken, null, { token: null })).resolves.toMatchObject({ ok: false, error: { code: 'untrusted_sender' } });
    await expect(invoke(ipcChannels.saveToken, 'file:///etc/passwd', { token: null })).resolves.toMatchObject({ ok: false, error: { code: 'untrusted_sender' } });
    await expect(invoke(ipcChannels.saveToken, own, { token: 'short' })).resolves.toMatchObject({ ok: false, error: { code: 'invalid_payload', path: 'token' } });
    await expect(invoke(ipcChannels.saveToken, own, { token: null, extra: 1 })).resolves.toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    await expect(invoke(ipcChannels.saveToken, own, 'abcdefghijklmnopqrstuvwxyz')).resolves.toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(calls).toBe(0);
    expect(refusals.map((r) => [r.channel, r.reason])).toEqual([
      ['caseway:token.save', 'untrusted_sender'],
      ['caseway:token.save', 'untrusted_sender'],
      ['caseway:token.save', 'untrusted_sender'],
      ['caseway:token.save', 'invalid_payload'],
      ['caseway:token.save', 'invalid_payload'],
      ['caseway:token.save', 'invalid_payload'],
    ]);
  });

  it('admits only a window’s own page: not a frame inside it, not another window showing the same origin', async () => {
    const { registry, refusals, invoke } = setUp();
    registry.handle(ipcChannels.loadToken, () => 'token-from-keychain');
    await expect(invoke(ipcChannels.loadToken, own, undefined, { parent: { url: own } })).resolves.toMatchObject({ ok: false, error: { code: 'untrusted_sender', message: 'the sender is a frame inside a page' } });
    await expect(invoke(ipcChannels.loadToken, own, undefined, { contentsId: 2 })).resolves.toMatchObject({ ok: false, error: { code: 'untrusted_sender', message: 'the sender is not the window of its workspace' } });
    await expect(invoke(ipcChannels.loadToken, own, undefined, { contentsId: 1 })).resolves.toEqual({ ok: true, value: 'token-from-keychain' });
    expect(refusals.map((r) => r.reason)).toEqual(['untrusted_sender', 'untrusted_sender']);
  });

  it('turns a failing handler into a result instead of a rejection', async () => {
    const { registry, refusals, invoke, send } = setUp();
    registry.handle(ipcChannels.loadToken, () => {
      throw new Error('keychain locked');
    });
    registry.on(ipcChannels.log, () => {
      throw new Error('disk full');
    });
    await expect(invoke(ipcChannels.loadToken, own)).resolves.toEqual({ ok: false, error: { code: 'failed', path: 'handler', message: 'keychain locked' } });
    expect(() => send(ipcChannels.log, own, { level: 'info', message: 'hello' })).not.toThrow();
    expect(refusals.map((r) => r.reason)).toEqual(['failed', 'failed']);
  });

  it('tells listeners and handlers which workspace sent the message', async () => {
    const workspaces = ['https://council.example.org', 'https://water.example.org:8443'];
    // Web contents 1 shows the council, 2 the water utility.
    const { registry, invoke, send } = setUp((url) => workspaces.some((w) => url.startsWith(`${w}/`)), (contentsId, origin) => workspaces[contentsId - 1] === origin);
    const seen: string[] = [];
    registry.on(ipcChannels.log, (entry, sender) => seen.push(`${sender.origin} ${entry.message}`));
    registry.handle(ipcChannels.loadToken, (_payload, sender) => `token of ${sender.origin}`);
    send(ipcChannels.log, 'https://council.example.org/cases/CS0001234', { level: 'info', message: 'hello' });
    send(ipcChannels.log, 'https://water.example.org:8443/', { level: 'info', message: 'hi' }, { contentsId: 2 });
    // The council's window showing the water utility's page is not the water utility's window.
    send(ipcChannels.log, 'https://water.example.org:8443/', { level: 'info', message: 'swapped' }, { contentsId: 1 });
    send(ipcChannels.log, 'https://evil.example/', { level: 'info', message: 'let me in' });
    expect(seen).toEqual(['https://council.example.org hello', 'https://water.example.org:8443 hi']);
    await expect(invoke(ipcChannels.loadToken, 'https://water.example.org:8443/', undefined, { contentsId: 2 })).resolves.toEqual({ ok: true, value: 'token of https://water.example.org:8443' });
  });

  it('refuses to register a channel twice', () => {
    const { registry } = setUp();
    registry.on(ipcChannels.log, () => undefined);
    expect(() => registry.on(ipcChannels.log, () => undefined)).toThrow(/twice/);
    expect(registry.channels).toEqual(['caseway:log.write']);
  });
});
