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
import { audiencePayload, changeAudience, parseAudience, reaches, type Audience } from './audience';

export const pokeChannel = 'caseway_poke';

/**
 * Queues a poke for the devices whose data this transaction changed (everything it wrote above
 * `sinceRev`, the rev it saw when it took the write lock); PostgreSQL delivers it when (and only
 * if) the transaction commits.
 */
export async function notifyChange(trx: Transaction<DB>, orgId: string, sinceRev: number): Promise<void> {
  const audience = await changeAudience(trx, orgId, sinceRev);
  if (audience) await sql`select pg_notify(${pokeChannel}, ${audiencePayload(audience)})`.execute(trx);
}

export type PokeHub = { connected(): number; close(): Promise<void> };

/** Coalesces pokes per organisation: at most one every `windowMs`. */
const windowMs = 25;

export async function registerPokes(app: FastifyInstance, store: Store): Promise<PokeHub> {
  type Listener = { userId: string; groupIds: readonly string[]; roles: readonly string[] };
  const sockets = new Map<string, Map<WebSocket, Listener>>();
  const pending = new Map<string, Audience[]>();
  const flush = (orgId: string): void => {
    const audiences = pending.get(orgId) ?? [];
    pending.delete(orgId);
    const message = JSON.stringify({ type: 'poke', at: new Date().toISOString() });
    const listeners = sockets.get(orgId) ?? new Map<WebSocket, Listener>();
    for (const [socket, who] of listeners) {
      if (socket.readyState === socket.OPEN && audiences.some((a) => reaches(a, who))) socket.send(message);
    }
    // A set-up change may have moved people between groups: targeted pokes must follow them.
    if (audiences.some((a) => a.everyone) && listeners.size > 0) void refreshGroups(listeners).catch(() => undefined);
  };
  const refreshGroups = async (listeners: Map<WebSocket, Listener>): Promise<void> => {
    const userIds = [...new Set([...listeners.values()].map((l) => l.userId))];
    const rows = await store.db.selectFrom('group_members').select(['user_id', 'group_id']).where('user_id', 'in', userIds).execute();
    for (const [socket, who] of listeners) listeners.set(socket, { ...who, groupIds: rows.filter((r) => r.user_id === who.userId).map((r) => r.group_id) });
  };
  const poke = (audience: Audience): void => {
    const queued = pending.get(audience.orgId);
    if (queued) {
      queued.push(audience);
      return;
    }
    pending.set(audience.orgId, [audience]);
    setTimeout(() => flush(audience.orgId), windowMs);
  };
  const everyone = (orgId: string): Audience => ({ orgId, everyone: true, groups: [], users: [], roles: [] });
  const stop = await store.listen(
    pokeChannel,
    (payload) => {
      const audience = parseAudience(payload);
      if (audience) poke(audience);
    },
    // After a lost LISTEN connection nobody knows what changed meanwhile: poke every device.
    () => [...sockets.keys()].forEach((orgId) => poke(everyone(orgId))),
  );

  app.get('/api/sync/live', { websocket: true, config: { access: 'authenticated' } }, (socket, request) => {
    const { actor } = requireAuth(request);
    const set = sockets.get(actor.orgId) ?? new Map<WebSocket, Listener>();
    sockets.set(actor.orgId, set);
    set.set(socket, { userId: actor.userId, groupIds: actor.groupIds, roles: actor.roles });
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
      for (const set of sockets.values()) for (const socket of set.keys()) socket.close(1001, 'store stopping');
      // The database may already be gone (shutdown order); there is nothing left to unlisten then.
      await stop().catch(() => undefined);
    },
  };
}
