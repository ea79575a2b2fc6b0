import { liveProtocol } from '../../shared/sync/protocol';

/**
 * The live-updates socket (SPEC L1, L3): reconnects with exponential backoff and jitter, and calls
 * `onPoke` when the store says there is something to pull.
 */
export type LiveStatus = 'connecting' | 'open' | 'closed';

export type LiveOptions = {
  url: string;
  token: () => string | null;
  onPoke: () => void;
  onStatus: (status: LiveStatus) => void;
  /** The WebSocket constructor (the browser's, or `ws` in Node tests). */
  WebSocketImpl: typeof WebSocket;
  random?: () => number;
};


export function backoffDelay(attempt: number, random: () => number): number {
  const base = Math.min(30_000, 1000 * 2 ** attempt);
  return Math.round(base / 2 + random() * (base / 2));
}

export function connectLive(options: LiveOptions): { close(): void } {
  let socket: WebSocket | null = null;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let isClosed = false;
  const random = options.random ?? Math.random;

  const open = (): void => {
    const token = options.token();
    if (isClosed || !token) return;
    options.onStatus('connecting');
    const ws = new options.WebSocketImpl(options.url, [liveProtocol, `bearer.${token}`]);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      options.onStatus('open');
      // Whatever happened while disconnected: pull once now.
      options.onPoke();
    };
    ws.onmessage = (event: MessageEvent) => {
      try {
        const message = JSON.parse(String(event.data)) as { type?: string };
        if (message.type === 'poke') options.onPoke();
      } catch {
        // not ours; ignore
      }
    };
    ws.onclose = () => {
      socket = null;
      options.onStatus('closed');
      if (isClosed) return;
      timer = setTimeout(open, backoffDelay(attempt++, random));
    };
    ws.onerror = () => ws.close();
  };
  open();
  return {
    close: () => {
      isClosed = true;
      if (timer) clearTimeout(timer);
      socket?.close();
    },
  };
}
