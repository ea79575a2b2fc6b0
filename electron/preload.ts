/** The one bridge the renderer may use (shared/ipc/bridge.ts); no raw ipcRenderer is exposed. */
import { contextBridge, ipcRenderer } from 'electron';
import { ipcChannels, shellCommandSchema, type CasewayBridge, type IpcResult, type ShellCommand, type TokenSaveOutcome } from '../shared/ipc/bridge';
import { createDeepLinkInbox, deepLinkActionSchema, type DeepLinkAction } from '../shared/ipc/deepLinks';

// Links arrive from main as soon as the page has loaded, usually before anyone signed in and the
// workspace subscribed: the inbox holds them for the first listener.
const deepLinks = createDeepLinkInbox<DeepLinkAction>(10);
ipcRenderer.on(ipcChannels.deepLink, (_event, payload: unknown) => {
  const parsed = deepLinkActionSchema.safeParse(payload);
  if (parsed.success) deepLinks.push(parsed.data);
});

// Menu and tray commands: only while someone listens (a command for a window not yet ready is dropped).
const commandListeners = new Set<(command: ShellCommand) => void>();
ipcRenderer.on(ipcChannels.command, (_event, payload: unknown) => {
  const parsed = shellCommandSchema.safeParse(payload);
  if (parsed.success) for (const listener of commandListeners) listener(parsed.data.command);
});

const bridge = {
  kind: 'desktop',
  versions: { app: '0.1.0', electron: process.versions.electron ?? '', chrome: process.versions.chrome ?? '' },
  // Only the payloads cross; main checks each against the shared schema and the sender's URL.
  notify: (input) => ipcRenderer.send(ipcChannels.notify, { title: String(input.title), body: String(input.body) }),
  loadToken: (): Promise<IpcResult<string | null>> => ipcRenderer.invoke(ipcChannels.loadToken),
  saveToken: (token): Promise<IpcResult<TokenSaveOutcome>> => ipcRenderer.invoke(ipcChannels.saveToken, { token: token === null ? null : String(token) }),
  // The listener gets copies of validated actions, never the IPC event.
  onDeepLink: (listener) => deepLinks.listen((action) => listener({ ...action })),
  log: (entry) => ipcRenderer.send(ipcChannels.log, { level: entry.level, message: String(entry.message).slice(0, 2000) }),
  reportSyncStatus: (status) => ipcRenderer.send(ipcChannels.syncStatus, { connection: status.connection, pendingChanges: Number(status.pendingChanges), lastSyncAt: status.lastSyncAt === null ? null : String(status.lastSyncAt) }),
  onCommand: (listener) => {
    const own = (command: ShellCommand): void => listener(command);
    commandListeners.add(own);
    return () => commandListeners.delete(own);
  },
} satisfies CasewayBridge;

contextBridge.exposeInMainWorld('caseway', bridge);
