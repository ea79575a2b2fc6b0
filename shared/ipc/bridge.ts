import { z } from 'zod';

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
};

/** What the renderer may ask the OS to show: short plain text, nothing else. */
export const notifyInputSchema = z.strictObject({
  title: z.string().trim().min(1).max(120),
  body: z.string().max(400),
});
export type NotifyInput = z.infer<typeof notifyInputSchema>;

export const ipcChannels = { notify: 'caseway:notify.show' } as const;

/** IPC channels are named caseway:<domain>.<verb>; the preload rejects any other. */
export const ipcChannelPattern = /^caseway:[a-z]+\.[a-zA-Z]+$/;
