/**
 * The contract between the desktop shell's preload and the renderer: the one object the preload
 * exposes as `window.caseway`. The renderer reaches it only through its host adapter, which has a
 * browser implementation, so the web build runs without it.
 */
export type CasewayBridge = {
  readonly kind: 'desktop';
  readonly versions: { app: string; electron: string; chrome: string };
  /**
   * Shows an OS notification (channel `caseway:notify.show`). Optional until the preload
   * implements it; the renderer's host adapter falls back to the browser's Notification API.
   */
  notify?(input: { title: string; body: string }): void;
};

/** IPC channels are named caseway:<domain>.<verb>; the preload rejects any other. */
export const ipcChannelPattern = /^caseway:[a-z]+\.[a-zA-Z]+$/;
