/**
 * 0007: playbooks that run. A case records the playbook version it runs; what people do on it is
 * appended as playbook steps (started, completed, skipped), scoped like the case's other records.
 */
import { sql, type Kysely } from 'kysely';

const statements: readonly string[] = [
  `ALTER TABLE cases ADD COLUMN playbook_definition_id uuid`,
  `ALTER TABLE cases ADD CONSTRAINT fk_cases_playbook_definition_id FOREIGN KEY (playbook_definition_id) REFERENCES playbook_definitions (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED`,
  // Partial: only cases that run a playbook (the set-null on deleting a definition looks them up).
  `CREATE INDEX ix_cases_playbook_definition_id ON cases (playbook_definition_id) WHERE playbook_definition_id IS NOT NULL`,
  `CREATE TABLE playbook_steps (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  rev bigint NOT NULL DEFAULT nextval('change_seq'),
  case_id uuid NOT NULL,
  playbook_definition_id uuid NOT NULL,
  activity_key text NOT NULL,
  action text NOT NULL CHECK (action IN ('started', 'completed', 'skipped')),
  data jsonb NOT NULL,
  reason text,
  actor_id uuid NOT NULL,
  device_time timestamptz
)`,
  `CREATE TRIGGER trg_playbook_steps_rev BEFORE UPDATE ON playbook_steps FOR EACH ROW EXECUTE FUNCTION caseway_bump_rev()`,
  `CREATE TRIGGER trg_playbook_steps_tombstone AFTER DELETE ON playbook_steps FOR EACH ROW EXECUTE FUNCTION caseway_tombstone('playbookStep')`,
  `CREATE TRIGGER trg_playbook_steps_head_insert AFTER INSERT ON playbook_steps REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION caseway_change_head('playbookStep')`,
  `CREATE TRIGGER trg_playbook_steps_head_update AFTER UPDATE ON playbook_steps REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION caseway_change_head('playbookStep')`,
  `ALTER TABLE playbook_steps ADD CONSTRAINT fk_playbook_steps_org_id FOREIGN KEY (org_id) REFERENCES organizations (id) DEFERRABLE INITIALLY DEFERRED`,
  `ALTER TABLE playbook_steps ADD CONSTRAINT fk_playbook_steps_case_id FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED`,
  `ALTER TABLE playbook_steps ADD CONSTRAINT fk_playbook_steps_playbook_definition_id FOREIGN KEY (playbook_definition_id) REFERENCES playbook_definitions (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED`,
  `ALTER TABLE playbook_steps ADD CONSTRAINT fk_playbook_steps_actor_id FOREIGN KEY (actor_id) REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED`,
  `CREATE INDEX ix_playbook_steps_org_rev ON playbook_steps (org_id, rev)`,
  `CREATE INDEX ix_playbook_steps_case_id ON playbook_steps (case_id, activity_key)`,
  `CREATE INDEX ix_playbook_steps_playbook_definition_id ON playbook_steps (playbook_definition_id)`,
  `CREATE INDEX ix_playbook_steps_actor_id ON playbook_steps (actor_id)`,
  `CREATE INDEX ix_approvals_activity ON approvals (case_id, activity_key)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
