/** Who is acting: the signed-in user, their roles, groups and device session. */
import type { Kysely } from 'kysely';
import type { Role } from '../../shared/domain/vocab';
import type { DB } from '../db/schema';

export type Actor = {
  userId: string;
  orgId: string;
  username: string;
  roles: readonly Role[];
  groupIds: readonly string[];
  sessionId: string;
  deviceId: string;
};

export function hasRole(actor: Pick<Actor, 'roles'>, ...roles: Role[]): boolean {
  return actor.roles.some((r) => roles.includes(r));
}

export async function groupIdsOf(db: Kysely<DB>, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('group_members').select('group_id').where('user_id', '=', userId).execute();
  return rows.map((r) => r.group_id);
}
