/**
 * OS notifications asked for by the renderer (a new assignment, an approval, an SLA about to
 * breach), registered on the IPC registry (electron/ipc.ts), which has already checked the sender's
 * URL and the payload against the shared schema. Plain module so Node tests run it with stand-ins.
 */
import { ipcChannels } from '../shared/ipc/bridge';
import type { IpcRegistry } from './ipc';

export type NotificationLike = new (options: { title: string; body: string; silent?: boolean }) => { show(): void };

export type NotifyOutcome = { shown: true } | { shown: false; reason: 'unsupported' };

export function registerNotifications(registry: IpcRegistry, NotificationClass: NotificationLike & { isSupported(): boolean }, onOutcome: (outcome: NotifyOutcome) => void = () => undefined): void {
  registry.on(ipcChannels.notify, (input) => {
    if (!NotificationClass.isSupported()) return onOutcome({ shown: false, reason: 'unsupported' });
    new NotificationClass({ title: input.title, body: input.body }).show();
    onOutcome({ shown: true });
  });
}
