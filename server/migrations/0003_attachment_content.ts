/**
 * 0003: the bytes of attachments, in resumable chunks. A device uploads the chunks it has not yet
 * seen acknowledged, in any order and as often as it must; completing checks size and SHA-256.
 */
import { sql, type Kysely } from 'kysely';

const statements: readonly string[] = [
  `CREATE TABLE attachment_chunks (
  attachment_id uuid NOT NULL REFERENCES attachments (id) ON DELETE CASCADE,
  chunk_index integer NOT NULL CHECK (chunk_index >= 0),
  data bytea NOT NULL,
  PRIMARY KEY (attachment_id, chunk_index)
)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
