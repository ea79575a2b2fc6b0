/**
 * 0004: tombstones are kept for a retention period (SPEC P8), not forever. `sync_horizon` holds the
 * highest rev of a purged tombstone: a device whose cursor is below it may have missed a delete and
 * re-snapshots its scope (keeping its outbox).
 */
import { sql, type Kysely } from 'kysely';

const statements: readonly string[] = [
  `CREATE TABLE sync_horizon (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  purged_through bigint NOT NULL DEFAULT 0,
  purged_at timestamptz
)`,
  `INSERT INTO sync_horizon (id) VALUES (true)`,
  `CREATE INDEX ix_tombstones_deleted_at ON tombstones (deleted_at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
