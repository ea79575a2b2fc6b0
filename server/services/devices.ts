/**
 * Devices (SPEC D7): the administrator's list of the organisation's devices, revoking one (every
 * session of it refused from its next request on, answered `device_revoked` so it wipes its cache),
 * and the report a revoked device sends of the work it still had queued, kept for the administrator.
 */
import { sql, type Kysely } from 'kysely';
import type { DeviceReport, DeviceSummary, WipeReportBody } from '../../shared/api/devices';
import { errorCodes } from '../../shared/api/errors';
import type { DB } from '../db/schema';
import { ApiFailure, notFound } from '../http/errors';
import { tokenHash } from '../http/passwords';
import type { Actor } from './actor';
import { audiencePayload } from '../sync/audience';
import { pokeChannel } from '../sync/pokes';

type DeviceRow = {
  device_id: string;
  device_name: string;
  users: { id: string; username: string; displayName: string }[];
  first_seen_at: Date;
  last_seen_at: Date;
  active_sessions: number;
  revoked_at: Date | null;
  revoked_by: string | null;
  reason: string | null;
  reported_at: Date | null;
  report: WipeReportBody | null;
};

function summary(row: DeviceRow): DeviceSummary {
  const report = row.report;
  return {
    deviceId: row.device_id,
    deviceName: row.device_name,
    users: row.users,
    firstSeenAt: row.first_seen_at.toISOString(),
    lastSeenAt: row.last_seen_at.toISOString(),
    activeSessions: Number(row.active_sessions),
    revocation: row.revoked_at
      ? {
          revokedAt: row.revoked_at.toISOString(),
          revokedBy: row.revoked_by ?? '',
          reason: row.reason,
          reportedAt: row.reported_at ? row.reported_at.toISOString() : null,
          queued: report ? report.caches.reduce((n, c) => n + c.queued.length, 0) : null,
          files: report ? report.caches.reduce((n, c) => n + c.files.length, 0) : null,
        }
      : null,
  };
}

async function deviceRows(db: Kysely<DB>, orgId: string, deviceId: string | null): Promise<DeviceRow[]> {
  const only = deviceId ? sql`and s.device_id = ${deviceId}` : sql``;
  const result = await sql<DeviceRow>`
    select s.device_id,
      (array_agg(s.device_name order by s.last_seen_at desc))[1] as device_name,
      coalesce(json_agg(distinct jsonb_build_object('id', u.id, 'username', u.username, 'displayName', u.display_name)), '[]') as users,
      min(s.created_at) as first_seen_at,
      max(s.last_seen_at) as last_seen_at,
      count(*) filter (where s.revoked_at is null)::int as active_sessions,
      r.revoked_at, ru.display_name as revoked_by, r.reason, r.reported_at, r.report
    from device_sessions s
    join users u on u.id = s.user_id
    left join device_revocations r on r.org_id = s.org_id and r.device_id = s.device_id
    left join users ru on ru.id = r.revoked_by_id
    where s.org_id = ${orgId} ${only}
    group by s.device_id, r.revoked_at, ru.display_name, r.reason, r.reported_at, r.report
    order by max(s.last_seen_at) desc`.execute(db);
  return result.rows;
}

export async function listDevices(db: Kysely<DB>, actor: Actor): Promise<DeviceSummary[]> {
  return (await deviceRows(db, actor.orgId, null)).map(summary);
}

/** Revokes every session of the device and records it, so the device wipes itself on its next contact. */
export async function revokeDevice(db: Kysely<DB>, actor: Actor, deviceId: string, reason: string | null): Promise<DeviceSummary> {
  return db.transaction().execute(async (trx) => {
    const known = await trx.selectFrom('device_sessions').select('device_id').where('org_id', '=', actor.orgId).where('device_id', '=', deviceId).executeTakeFirst();
    if (!known) throw notFound(`no device ${deviceId} in your organisation`);
    if (deviceId === actor.deviceId) throw new ApiFailure(409, errorCodes.conflict, 'this is the device you are using; revoke it from another one', [{ path: 'deviceId', code: 'own_device', message: 'is the device you are using' }]);
    await trx.insertInto('device_revocations').values({ org_id: actor.orgId, device_id: deviceId, revoked_by_id: actor.userId, reason, reported_at: null, report: null }).onConflict((oc) => oc.columns(['org_id', 'device_id']).doNothing()).execute();
    await trx.updateTable('device_sessions').set({ revoked_at: new Date(), revoked_by_id: actor.userId }).where('org_id', '=', actor.orgId).where('device_id', '=', deviceId).where('revoked_at', 'is', null).execute();
    const [row] = await deviceRows(trx, actor.orgId, deviceId);
    if (!row) throw notFound(`no device ${deviceId}`);
    // Poke its users' devices (on commit): the revoked one, if connected, learns it at once and wipes.
    const audience = { orgId: actor.orgId, everyone: false, groups: [], users: row.users.map((u) => u.id), roles: [] };
    await sql`select pg_notify(${pokeChannel}, ${audiencePayload(audience)})`.execute(trx);
    return summary(row);
  });
}

/** Whether the device of a session was revoked by an administrator (it must wipe itself). */
export async function isDeviceRevoked(db: Kysely<DB>, orgId: string, deviceId: string): Promise<boolean> {
  const row = await db.selectFrom('device_revocations').select('device_id').where('org_id', '=', orgId).where('device_id', '=', deviceId).executeTakeFirst();
  return row !== undefined;
}

/**
 * The report of a revoked device, sent with its (revoked) token just before it deletes its data.
 * Only a revoked device may send one; the first report is kept (a repeat gets the same answer).
 */
export async function receiveWipeReport(db: Kysely<DB>, token: string, body: WipeReportBody): Promise<{ reportedAt: string }> {
  const session = await db.selectFrom('device_sessions').select(['org_id', 'device_id']).where('token_hash', '=', tokenHash(token)).executeTakeFirst();
  if (!session) throw new ApiFailure(401, errorCodes.unauthenticated, 'unknown session');
  const revocation = await db.selectFrom('device_revocations').select(['reported_at']).where('org_id', '=', session.org_id).where('device_id', '=', session.device_id).executeTakeFirst();
  if (!revocation) throw new ApiFailure(409, errorCodes.conflict, 'this device is not revoked; it keeps its data', [{ path: 'deviceId', code: 'not_revoked', message: 'is not revoked' }]);
  if (revocation.reported_at) return { reportedAt: revocation.reported_at.toISOString() };
  const users = new Set((await db.selectFrom('device_sessions').select('user_id').where('device_id', '=', session.device_id).where('org_id', '=', session.org_id).execute()).map((r) => r.user_id));
  const stranger = body.caches.find((c) => !users.has(c.userId));
  if (stranger) throw new ApiFailure(400, errorCodes.invalid, 'a cache of a user who never signed in on this device', [{ path: 'caches.userId', code: 'invalid', message: `${stranger.userId} never signed in on this device` }]);
  const row = await db
    .updateTable('device_revocations')
    .set({ reported_at: new Date(), report: JSON.stringify(body) })
    .where('org_id', '=', session.org_id)
    .where('device_id', '=', session.device_id)
    .returning('reported_at')
    .executeTakeFirstOrThrow();
  return { reportedAt: (row.reported_at ?? new Date()).toISOString() };
}

export async function deviceReport(db: Kysely<DB>, actor: Actor, deviceId: string): Promise<DeviceReport> {
  const row = await db.selectFrom('device_revocations').select(['reported_at', 'report']).where('org_id', '=', actor.orgId).where('device_id', '=', deviceId).executeTakeFirst();
  if (!row) throw notFound(`device ${deviceId} was not revoked`);
  return { deviceId, reportedAt: row.reported_at ? row.reported_at.toISOString() : null, report: (row.report as WipeReportBody | null) ?? null };
}
