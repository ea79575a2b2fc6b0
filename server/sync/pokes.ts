/**
 * Live updates (SPEC L1–L3): every device keeps a WebSocket open; when a write commits, the store
 * NOTIFYs `caseway_poke` with the organisation, every store process hears it through PostgreSQL
 * (LISTEN/NOTIFY), and pokes its connected devices of that organisation, which then pull. Pokes
 * carry no data, so a device only ever learns what its own pull lets it see.
 */
import '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import { sql, type Transaction } from 'kysely';
import type { WebSocket } from 'ws';
import type { Store } from '../db/database';
import type { DB } from '../db/schema';
import { requireAuth } from '../http/access';

export const pokeChannel = 'caseway_poke';

/** Queues a poke for `orgId`; PostgreSQL delivers it when (and only if) the transaction commits. */
export async function notifyChange(trx: Transaction<DB>, orgId: string): Promise<void> {
  await sql`select pg_notify(${pokeChannel}, ${orgId})`.execute(trx);
}

export type PokeHub = { connected(): number; close(): Promise<void> };

/** Coalesces pokes per organisation: at most one every `windowMs`. */
const windowMs = 25;

export async function registerPokes(app: FastifyInstance, store: Store): Promise<PokeHub> {
  const sockets = new Map<string, Set<WebSocket>>();
  const pending = new Set<string>();
  const flush = (orgId: string): void => {
    pending.delete(orgId);
    const message = JSON.stringify({ type: 'poke', at: new Date().toISOString() });
    for (const socket of sockets.get(orgId) ?? []) if (socket.readyState === socket.OPEN) socket.send(message);
  };
  const poke = (orgId: string): void => {
    if (pending.has(orgId)) return;
    pending.add(orgId);
    setTimeout(() => flush(orgId), windowMs);
  };
  // After a lost LISTEN connection nobody knows what changed meanwhile: poke every device.
  const stop = await store.listen(pokeChannel, poke, () => [...sockets.keys()].forEach(poke));

  app.get('/api/sync/live', { websocket: true, config: { access: 'authenticated' } }, (socket, request) => {
    const { actor } = requireAuth(request);
    const set = sockets.get(actor.orgId) ?? new Set<WebSocket>();
    sockets.set(actor.orgId, set);
    set.add(socket);
    socket.send(JSON.stringify({ type: 'hello', at: new Date().toISOString() }));
    socket.on('message', (data: Buffer) => {
      if (data.toString() === 'ping') socket.send(JSON.stringify({ type: 'pong' }));
    });
    // A broken frame or a reset from one device must never take the store down: drop that socket.
    socket.on('error', () => {
      set.delete(socket);
      socket.terminate();
    });
    socket.on('close', () => set.delete(socket));
  });

  return {
    connected: () => [...sockets.values()].reduce((n, s) => n + s.size, 0),
    close: async () => {
      for (const set of sockets.values()) for (const socket of set) socket.close(1001, 'store stopping');
      // The database may already be gone (shutdown order); there is nothing left to unlisten then.
      await stop().catch(() => undefined);
    },
  };
}
