/**
 * OS notifications asked for by the renderer (a new assignment, an approval, an SLA about to
 * breach). Plain module so Node tests run it with stand-ins for Electron's ipcMain and Notification:
 * every message is checked against the shared schema and must come from one of our own windows.
 */
import { ipcChannels, notifyInputSchema } from '../shared/ipc/bridge';

type IpcEvent = { senderFrame: { url: string } | null };
export type IpcMainLike = { on(channel: string, listener: (event: IpcEvent, payload: unknown) => void): unknown };
export type NotificationLike = new (options: { title: string; body: string; silent?: boolean }) => { show(): void };

export type NotifyOutcome = { shown: true } | { shown: false; reason: 'untrusted_sender' | 'invalid_payload' | 'unsupported' };

/** Registers the handler; `isTrustedUrl` says whether a frame's URL is the workstation's own. */
export function registerNotifications(ipcMain: IpcMainLike, NotificationClass: NotificationLike & { isSupported(): boolean }, isTrustedUrl: (url: string) => boolean, onOutcome: (outcome: NotifyOutcome) => void = () => undefined): void {
  ipcMain.on(ipcChannels.notify, (event, payload) => {
    const url = event.senderFrame?.url ?? '';
    if (!isTrustedUrl(url)) return onOutcome({ shown: false, reason: 'untrusted_sender' });
    const parsed = notifyInputSchema.safeParse(payload);
    if (!parsed.success) return onOutcome({ shown: false, reason: 'invalid_payload' });
    if (!NotificationClass.isSupported()) return onOutcome({ shown: false, reason: 'unsupported' });
    new NotificationClass({ title: parsed.data.title, body: parsed.data.body }).show();
    onOutcome({ shown: true });
  });
}
