/** Sign-in, device sessions (listed and revoked per device) and the actor behind a token. */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DeviceSession, LoginAnswer } from '../../shared/api/auth';
import { userDef, type User } from '../../shared/domain/organisation';
import type { DB, DeviceSessionTable } from '../db/schema';
import { ApiFailure } from '../http/errors';
import { errorCodes } from '../../shared/api/errors';
import { decoyHash, hashPassword, newToken, tokenHash, verifyPassword } from '../http/passwords';
import type { Actor } from './actor';
import { isDeviceRevoked } from './devices';
import { fromRow } from './rowMapping';

function unauthenticated(message: string): ApiFailure {
  return new ApiFailure(401, errorCodes.unauthenticated, message);
}

function deviceRevoked(): ApiFailure {
  return new ApiFailure(401, errorCodes.deviceRevoked, 'this device was revoked by an administrator; its local data is deleted');
}

type SessionRow = Omit<DeviceSessionTable, 'created_at' | 'last_seen_at'> & { created_at: Date; last_seen_at: Date };

export function toDeviceSession(row: SessionRow, currentId: string | null): DeviceSession {
  return {
    id: row.id,
    userId: row.user_id,
    deviceId: row.device_id,
    deviceName: row.device_name,
    createdAt: row.created_at.toISOString(),
    lastSeenAt: row.last_seen_at.toISOString(),
    revokedAt: row.revoked_at ? row.revoked_at.toISOString() : null,
    isCurrent: row.id === currentId,
  };
}

export async function loadUser(db: Kysely<DB>, userId: string): Promise<User> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!row) throw unauthenticated('the user no longer exists');
  return userDef.record.parse(fromRow(userDef, row));
}

export async function login(db: Kysely<DB>, input: { username: string; password: string; deviceName: string; deviceId?: string | undefined; userAgent: string | null }, offlineUnlockDays: number): Promise<LoginAnswer> {
  const found = await db
    .selectFrom('users')
    .leftJoin('credentials', 'credentials.user_id', 'users.id')
    .select(['users.id', 'users.is_active', 'users.org_id', 'credentials.password_hash'])
    .where('users.username', '=', input.username.toLowerCase())
    .executeTakeFirst();
  const isValid = await verifyPassword(input.password, found?.password_hash ?? decoyHash);
  if (!found || !found.password_hash || !isValid) throw unauthenticated('wrong username or password');
  if (!found.is_active) throw unauthenticated('this account is deactivated');
  // A revoked device that has not wiped itself yet (it was offline) learns it here and wipes.
  if (input.deviceId && (await isDeviceRevoked(db, found.org_id, input.deviceId))) throw deviceRevoked();
  const token = newToken();
  const row = await db
    .insertInto('device_sessions')
    .values({ id: randomUUID(), user_id: found.id, org_id: found.org_id, device_id: input.deviceId ?? randomUUID(), device_name: input.deviceName, token_hash: tokenHash(token), user_agent: input.userAgent, revoked_at: null, revoked_by_id: null })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { token, session: toDeviceSession(row, row.id), user: await loadUser(db, found.id), offlineUnlockDays };
}

const touchEveryMs = 60_000;

/** The actor for a bearer token; a revoked, unknown or deactivated session is refused. */
export async function authenticate(db: Kysely<DB>, token: string): Promise<{ actor: Actor; session: DeviceSession }> {
  const row = await db
    .selectFrom('device_sessions')
    .innerJoin('users', 'users.id', 'device_sessions.user_id')
    .selectAll('device_sessions')
    .select(['users.roles', 'users.is_active', 'users.username'])
    .select(sql<string[]>`array(select gm.group_id from group_members gm where gm.user_id = users.id)`.as('group_ids'))
    .where('device_sessions.token_hash', '=', tokenHash(token))
    .executeTakeFirst();
  if (!row) throw unauthenticated('unknown session; sign in again');
  if (row.revoked_at) {
    if (await isDeviceRevoked(db, row.org_id, row.device_id)) throw deviceRevoked();
    throw unauthenticated('this device session was revoked; sign in again');
  }
  if (!row.is_active) throw unauthenticated('this account is deactivated');
  if (Date.now() - row.last_seen_at.getTime() > touchEveryMs) {
    await db.updateTable('device_sessions').set({ last_seen_at: new Date() }).where('id', '=', row.id).execute();
  }
  const roles = userDef.fields.roles.parse(row.roles);
  const actor: Actor = { userId: row.user_id, orgId: row.org_id, username: row.username, roles, groupIds: row.group_ids, sessionId: row.id, deviceId: row.device_id };
  return { actor, session: toDeviceSession(row, row.id) };
}

export async function listSessions(db: Kysely<DB>, actor: Actor, userId: string): Promise<DeviceSession[]> {
  const rows = await db.selectFrom('device_sessions').selectAll().where('user_id', '=', userId).where('org_id', '=', actor.orgId).orderBy('created_at', 'desc').execute();
  return rows.map((r) => toDeviceSession(r, actor.sessionId));
}

/** Revokes a session; the device is refused from its next request on. */
export async function revokeSession(db: Kysely<DB>, actor: Actor, sessionId: string, isAdmin: boolean): Promise<DeviceSession> {
  const row = await db.selectFrom('device_sessions').selectAll().where('id', '=', sessionId).where('org_id', '=', actor.orgId).executeTakeFirst();
  if (!row || (!isAdmin && row.user_id !== actor.userId)) throw new ApiFailure(404, errorCodes.notFound, `no session ${sessionId} that you may revoke`);
  const updated = await db
    .updateTable('device_sessions')
    .set({ revoked_at: row.revoked_at ?? new Date(), revoked_by_id: row.revoked_by_id ?? actor.userId })
    .where('id', '=', sessionId)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toDeviceSession(updated, actor.sessionId);
}

export async function setPassword(db: Kysely<DB>, userId: string, password: string): Promise<void> {
  const hash = await hashPassword(password);
  await db
    .insertInto('credentials')
    .values({ user_id: userId, password_hash: hash })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ password_hash: hash, updated_at: new Date() }))
    .execute();
}

export async function checkPassword(db: Kysely<DB>, userId: string, password: string): Promise<boolean> {
  const row = await db.selectFrom('credentials').select('password_hash').where('user_id', '=', userId).executeTakeFirst();
  return verifyPassword(password, row?.password_hash ?? decoyHash);
}
