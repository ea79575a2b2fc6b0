import { z } from 'zod';
import type { DeepLinkAction } from './deepLinks';

/**
 * The contract between the desktop shell's preload and the renderer: the one object the preload
 * exposes as `window.caseway`. The renderer reaches it only through its host adapter, which has a
 * browser implementation, so the web build runs without it.
 */
export type CasewayBridge = {
  readonly kind: 'desktop';
  readonly versions: { app: string; electron: string; chrome: string };
  /** Shows an OS notification (channel `caseway:notify.show`, payload checked by `notifyInputSchema` in main). */
  notify(input: NotifyInput): void;
  /** The session token kept by the OS keychain (`caseway:token.load`); null when there is none. */
  loadToken(): Promise<IpcResult<string | null>>;
  /** Keeps (or with null forgets) the session token (`caseway:token.save`); says whether it reached the disk. */
  saveToken(token: string | null): Promise<IpcResult<TokenSaveOutcome>>;
  /** Listens for deep links opened while the app runs or that launched it (`caseway:deepLink.open`); returns the unsubscribe. */
  onDeepLink(listener: (action: DeepLinkAction) => void): () => void;
  /** Writes a line to the desktop app's log file (`caseway:log.write`). */
  log(entry: RendererLogEntry): void;
  /** Tells main the sync state the tray and the application menu show (`caseway:sync.status`). */
  reportSyncStatus(status: SyncStatusReport): void;
  /** Listens for menu and tray commands the window carries out (`caseway:command.run`); returns the unsubscribe. */
  onCommand(listener: (command: ShellCommand) => void): () => void;
};

/**
 * The sync state as the renderer knows it (its status bar's facts): main only displays it.
 * `lastSyncAt` is the ISO time of the last complete checkpoint, null before the first one.
 */
export const syncStatusReportSchema = z.strictObject({
  connection: z.enum(['online', 'offline', 'syncing']),
  pendingChanges: z.number().int().min(0).max(10_000_000),
  lastSyncAt: z.iso.datetime({ offset: true }).nullable(),
});
export type SyncStatusReport = z.infer<typeof syncStatusReportSchema>;

/** Menu and tray commands main hands to the window, which carries them out as its own shortcuts do. */
export const shellCommandSchema = z.strictObject({ command: z.enum(['newInteraction', 'commandPalette', 'keyboardHelp', 'syncNow']) });
export type ShellCommand = z.infer<typeof shellCommandSchema>['command'];

/** What the renderer may ask the OS to show: short plain text, nothing else. */
export const notifyInputSchema = z.strictObject({
  title: z.string().trim().min(1).max(120),
  body: z.string().max(400),
});
export type NotifyInput = z.infer<typeof notifyInputSchema>;

/** A session token is an opaque printable string; null signs out. */
export const saveTokenInputSchema = z.strictObject({ token: z.string().regex(/^[\x21-\x7e]{16,4096}$/, { message: 'must be an opaque token' }).nullable() });
export type SaveTokenInput = z.infer<typeof saveTokenInputSchema>;
/** Persisted only where the OS keychain can encrypt it; otherwise the token lives in memory until the app quits. */
export type TokenSaveOutcome = { isPersisted: true } | { isPersisted: false; reason: 'encryption_unavailable' | 'write_failed' | 'cleared' };

export const rendererLogEntrySchema = z.strictObject({ level: z.enum(['info', 'warn', 'error']), message: z.string().min(1).max(2000) });
export type RendererLogEntry = z.infer<typeof rendererLogEntrySchema>;

/** A refusal across the process boundary (DESIGN §1): results, never thrown errors. */
export type IpcError = { code: 'untrusted_sender' | 'invalid_payload' | 'failed'; path: string; message: string };
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export const ipcChannels = {
  notify: 'caseway:notify.show',
  loadToken: 'caseway:token.load',
  saveToken: 'caseway:token.save',
  deepLink: 'caseway:deepLink.open',
  log: 'caseway:log.write',
  syncStatus: 'caseway:sync.status',
  command: 'caseway:command.run',
} as const;

/** Fire-and-forget messages from the renderer (`ipcRenderer.send`), each with its payload's schema. */
export const ipcSendSchemas = {
  [ipcChannels.notify]: notifyInputSchema,
  [ipcChannels.log]: rendererLogEntrySchema,
  [ipcChannels.syncStatus]: syncStatusReportSchema,
} as const;

/** Requests from the renderer answered by main (`ipcRenderer.invoke`), each with its payload's schema. */
export const ipcInvokeSchemas = {
  [ipcChannels.loadToken]: z.undefined(),
  [ipcChannels.saveToken]: saveTokenInputSchema,
} as const;

/** What main answers on each invoke channel (inside an `IpcResult`). */
export type IpcInvokeOutputs = {
  [ipcChannels.loadToken]: string | null;
  [ipcChannels.saveToken]: TokenSaveOutcome;
};

export type IpcSendChannel = keyof typeof ipcSendSchemas;
export type IpcInvokeChannel = keyof typeof ipcInvokeSchemas & keyof IpcInvokeOutputs;

/** IPC channels are named caseway:<domain>.<verb> (both camelCase); the preload and main's registry reject any other. */
export const ipcChannelPattern = /^caseway:[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/;
