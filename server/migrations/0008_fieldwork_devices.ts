/**
 * 0008: supervisors and field work. Case types name the skills their cases ask for (routing
 * suggestions); a work order keeps its log of work in device time; a revoked device is recorded
 * per device (every session of it refused, its cache wiped on its next contact) with the report of
 * the work it still had queued.
 */
import { sql, type Kysely } from 'kysely';

const statements: readonly string[] = [
  `ALTER TABLE case_types ADD COLUMN skill_ids jsonb NOT NULL DEFAULT '[]'::jsonb`,
  `ALTER TABLE tasks ADD COLUMN work_log jsonb NOT NULL DEFAULT '[]'::jsonb`,
  `CREATE INDEX ix_tasks_assigned_schedule ON tasks (assigned_to_id, scheduled_start) WHERE assigned_to_id IS NOT NULL`,
  `CREATE TABLE device_revocations (
  org_id uuid NOT NULL REFERENCES organizations (id),
  device_id uuid NOT NULL,
  revoked_at timestamptz NOT NULL DEFAULT now(),
  revoked_by_id uuid NOT NULL REFERENCES users (id),
  reason text,
  reported_at timestamptz,
  report jsonb,
  PRIMARY KEY (org_id, device_id)
)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
