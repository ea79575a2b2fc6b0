/**
 * The latency benchmark's crowd (tests/bench/syncBench.ts): many connected devices in a process
 * of their own, as they would be on their own machines, so the measured device does not wait in
 * their event loop. Reads `{ base, devices: [{ token, cursor }] }` as one JSON line on stdin; each
 * device keeps a live socket and pulls on every poke. Prints `ready` once every socket is open,
 * and `pokes N` (how many pokes reached the crowd) when it reads `stats`.
 */
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import { httpTransport } from '../../renderer/sync/httpTransport';
import { connectLive } from '../../renderer/sync/live';
import { protocolVersion } from '../../shared/sync/protocol';

type Crowd = { base: string; devices: { token: string; cursor: string }[] };

let pokes = 0;
const lines = createInterface({ input: process.stdin });
let sockets: { close(): void }[] = [];

function start(crowd: Crowd): void {
  let open = 0;
  sockets = crowd.devices.map((device) => {
    let cursor = device.cursor;
    let isPulling = false;
    let wasOpen = false;
    const transport = httpTransport(crowd.base, () => device.token);
    return connectLive({
      url: `${crowd.base.replace('http', 'ws')}/api/sync/live`,
      token: () => device.token,
      WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket,
      onStatus: (status) => {
        if (status !== 'open' || wasOpen) return;
        wasOpen = true;
        if (++open === crowd.devices.length) console.log('ready');
      },
      onPoke: () => {
        pokes++;
        if (isPulling) return;
        isPulling = true;
        void transport
          .pull({ protocolVersion, cursor, limit: 500 })
          .then((p) => {
            cursor = p.cursor;
          })
          .catch(() => undefined)
          .finally(() => {
            isPulling = false;
          });
      },
    });
  });
}

lines.on('line', (line) => {
  if (line === 'stats') console.log(`pokes ${pokes}`);
  else if (line === 'stop') {
    sockets.forEach((s) => s.close());
    process.exit(0);
  } else start(JSON.parse(line) as Crowd);
});
