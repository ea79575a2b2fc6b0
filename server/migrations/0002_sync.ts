/**
 * 0002: what the sync protocol needs. The mutation log makes every device's mutation apply exactly
 * once; cases.scope_rev marks the last change that may have moved a case into or out of someone's
 * scope (its assignment, its contributors, its tasks' assignment, its approvers), so a pull can send
 * a case's whole bundle to devices it just reached, and a delete to devices it just left.
 */
import { sql, type Kysely } from 'kysely';

const statements: readonly string[] = [
  `CREATE TABLE mutation_log (
  device_id uuid NOT NULL,
  mutation_id bigint NOT NULL,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organizations (id),
  name text NOT NULL,
  args jsonb NOT NULL,
  device_time timestamptz NOT NULL,
  server_time timestamptz NOT NULL DEFAULT now(),
  status text NOT NULL CHECK (status IN ('applied', 'refused')),
  result jsonb NOT NULL,
  PRIMARY KEY (device_id, mutation_id)
)`,
  `CREATE INDEX ix_mutation_log_user ON mutation_log (user_id, server_time)`,
  `ALTER TABLE cases ADD COLUMN scope_rev bigint NOT NULL DEFAULT 0`,
  `CREATE FUNCTION caseway_case_scope() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT'
     OR NEW.assignment_group_id IS DISTINCT FROM OLD.assignment_group_id
     OR NEW.assigned_to_id IS DISTINCT FROM OLD.assigned_to_id
     OR NEW.opened_by_id IS DISTINCT FROM OLD.opened_by_id THEN
    NEW.scope_rev := NEW.rev;
  END IF;
  RETURN NEW;
END
$$`,
  // Runs after trg_cases_rev (triggers fire in name order), so NEW.rev is already the new one.
  `CREATE TRIGGER trg_cases_scope BEFORE INSERT OR UPDATE ON cases FOR EACH ROW EXECUTE FUNCTION caseway_case_scope()`,
  `CREATE FUNCTION caseway_touch_case_scope() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.case_id IS NOT NULL THEN
    UPDATE cases SET scope_rev = nextval('change_seq') WHERE id = OLD.case_id;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.case_id IS NOT NULL AND (TG_OP = 'INSERT' OR NEW.case_id IS DISTINCT FROM OLD.case_id) THEN
    UPDATE cases SET scope_rev = nextval('change_seq') WHERE id = NEW.case_id;
  END IF;
  RETURN NULL;
END
$$`,
  `CREATE TRIGGER trg_contributors_scope AFTER INSERT OR DELETE OR UPDATE OF case_id, user_id ON contributors FOR EACH ROW EXECUTE FUNCTION caseway_touch_case_scope()`,
  `CREATE TRIGGER trg_tasks_scope AFTER INSERT OR DELETE OR UPDATE OF case_id, assigned_to_id, assignment_group_id ON tasks FOR EACH ROW EXECUTE FUNCTION caseway_touch_case_scope()`,
  `CREATE TRIGGER trg_approvals_scope AFTER INSERT OR DELETE OR UPDATE OF case_id, approver_id, approver_role ON approvals FOR EACH ROW EXECUTE FUNCTION caseway_touch_case_scope()`,
  `UPDATE cases SET scope_rev = rev`,
  `CREATE INDEX ix_cases_org_scope_rev ON cases (org_id, scope_rev)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
