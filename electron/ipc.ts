/**
 * The one registry of IPC handlers (STYLE 8). Each channel's payload schema comes from
 * shared/ipc/bridge.ts; every message must come from a frame showing one of the app's
 * workspaces (`isTrustedUrl`; else it is ignored) and every payload is validated (else refused);
 * both are logged with the reason. Listeners and handlers also get the sender's origin, so
 * what belongs to one workspace (its session token, its sync state) stays with it. Handlers answer `IpcResult`s: nothing thrown crosses into the renderer or kills main.
 * A plain module: Node tests drive it with an EventEmitter standing in for ipcMain.
 */
import type { z } from 'zod';
import { ipcChannelPattern, ipcInvokeSchemas, ipcSendSchemas, type IpcError, type IpcInvokeChannel, type IpcInvokeOutputs, type IpcResult, type IpcSendChannel } from '../shared/ipc/bridge';

/** The parts of Electron's IpcMainEvent used: the sending frame (its parent is null for a page's main frame) and its web contents. */
type IpcEvent = { senderFrame: { url: string; parent: unknown } | null; sender: { id: number } };
/** The part of Electron's ipcMain the registry uses. */
export type IpcMainLike = {
  on(channel: string, listener: (event: IpcEvent, payload: unknown) => void): unknown;
  handle(channel: string, listener: (event: IpcEvent, payload: unknown) => unknown): unknown;
};

/** Who sent an admitted message: the origin of its frame (a trusted workspace's). */
export type IpcSender = { origin: string };

export type IpcRefusal = { channel: string; reason: IpcError['code']; path: string; message: string; senderUrl: string };

export type IpcRegistry = {
  /** A fire-and-forget message; the listener gets only valid payloads from trusted frames. */
  on<C extends IpcSendChannel>(channel: C, listener: (payload: z.infer<(typeof ipcSendSchemas)[C]>, sender: IpcSender) => void): void;
  /** A request; the handler's value (or the refusal) goes back to the renderer as an `IpcResult`. */
  handle<C extends IpcInvokeChannel>(channel: C, handler: (payload: z.infer<(typeof ipcInvokeSchemas)[C]>, sender: IpcSender) => IpcInvokeOutputs[C] | Promise<IpcInvokeOutputs[C]>): void;
  readonly channels: readonly string[];
};

type Options = {
  ipcMain: IpcMainLike;
  /** Whether the URL is one of the app's workspaces' pages. */
  isTrustedUrl: (url: string) => boolean;
  /** Whether the web contents `contentsId` is the app's own window of the workspace `origin` (main knows its windows). */
  isOwnWindow: (contentsId: number, origin: string) => boolean;
  onRefused: (refusal: IpcRefusal) => void;
};

/** A trusted sender's origin; `isTrustedUrl` has accepted the URL, so it parses. */
function senderOf(event: IpcEvent): IpcSender {
  return { origin: new URL(event.senderFrame?.url ?? '').origin };
}

function admit<S extends z.ZodType>(options: Options, channel: string, schema: S, event: IpcEvent, payload: unknown): IpcResult<z.infer<S>> {
  const senderUrl = event.senderFrame?.url ?? '';
  const refuse = (reason: IpcError['code'], path: string, message: string): IpcResult<never> => {
    options.onRefused({ channel, reason, path, message, senderUrl });
    return { ok: false, error: { code: reason, path, message } };
  };
  if (!options.isTrustedUrl(senderUrl)) return refuse('untrusted_sender', 'sender', 'the sender is not one of the app’s own pages');
  // Only a window's own page, not a frame inside it, and only the window of that page's workspace.
  if (event.senderFrame?.parent !== null) return refuse('untrusted_sender', 'sender', 'the sender is a frame inside a page');
  if (!options.isOwnWindow(event.sender.id, new URL(senderUrl).origin)) return refuse('untrusted_sender', 'sender', 'the sender is not the window of its workspace');
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse('invalid_payload', issue?.path.join('.') || 'payload', issue?.message ?? 'invalid payload');
  }
  return { ok: true, value: parsed.data };
}

export function createIpcRegistry(options: Options): IpcRegistry {
  const channels: string[] = [];
  const claim = (channel: string): void => {
    // Programming errors, caught at start-up by the tests: never caused by a message.
    if (!ipcChannelPattern.test(channel)) throw new Error(`IPC channel ${channel} is not caseway:<domain>.<verb>`);
    if (channels.includes(channel)) throw new Error(`IPC channel ${channel} is registered twice`);
    channels.push(channel);
  };
  return {
    channels,
    on(channel, listener) {
      claim(channel);
      options.ipcMain.on(channel, (event, payload) => {
        const admitted = admit(options, channel, ipcSendSchemas[channel], event, payload);
        if (!admitted.ok) return;
        try {
          // The schema looked up by `channel` parsed it; TypeScript cannot follow a generic index into the value.
          listener(admitted.value as z.infer<(typeof ipcSendSchemas)[typeof channel]>, senderOf(event));
        } catch (error) {
          options.onRefused({ channel, reason: 'failed', path: 'handler', message: String(error), senderUrl: event.senderFrame?.url ?? '' });
        }
      });
    },
    handle(channel, handler) {
      claim(channel);
      options.ipcMain.handle(channel, async (event, payload): Promise<IpcResult<IpcInvokeOutputs[typeof channel]>> => {
        const admitted = admit(options, channel, ipcInvokeSchemas[channel], event, payload);
        if (!admitted.ok) return admitted;
        try {
          // As above: parsed by this channel's own schema.
          return { ok: true, value: await handler(admitted.value as z.infer<(typeof ipcInvokeSchemas)[typeof channel]>, senderOf(event)) };
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          options.onRefused({ channel, reason: 'failed', path: 'handler', message, senderUrl: event.senderFrame?.url ?? '' });
          return { ok: false, error: { code: 'failed', path: 'handler', message } };
        }
      });
    },
  };
}
