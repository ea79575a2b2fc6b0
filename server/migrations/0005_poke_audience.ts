/**
 * 0005: pokes go to the devices whose data changed (SPEC L1), which the writer works out from the
 * rows it wrote. Those rows no longer name who held a case before a reassignment, a removed
 * contributor, a moved work order or a changed approver; these triggers poke them with the old
 * values (delivered on commit only, like every NOTIFY), so the case leaves their devices at once.
 */
import { sql, type Kysely } from 'kysely';

const statements: readonly string[] = [
  `CREATE FUNCTION caseway_poke_old_audience() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  payload json;
BEGIN
  IF TG_TABLE_NAME = 'cases' THEN
    IF TG_OP = 'DELETE' THEN
      payload := json_build_object('o', OLD.org_id, 'g', json_build_array(OLD.assignment_group_id), 'u', json_build_array(OLD.assigned_to_id, OLD.opened_by_id), 'r', json_build_array());
    ELSIF NEW.assignment_group_id IS DISTINCT FROM OLD.assignment_group_id
       OR NEW.assigned_to_id IS DISTINCT FROM OLD.assigned_to_id
       OR NEW.opened_by_id IS DISTINCT FROM OLD.opened_by_id THEN
      payload := json_build_object('o', OLD.org_id, 'g', json_build_array(OLD.assignment_group_id), 'u', json_build_array(OLD.assigned_to_id, OLD.opened_by_id), 'r', json_build_array());
    END IF;
  ELSIF TG_TABLE_NAME = 'contributors' THEN
    payload := json_build_object('o', OLD.org_id, 'g', json_build_array(), 'u', json_build_array(OLD.user_id), 'r', json_build_array());
  ELSIF TG_TABLE_NAME = 'tasks' THEN
    payload := json_build_object('o', OLD.org_id, 'g', json_build_array(OLD.assignment_group_id), 'u', json_build_array(OLD.assigned_to_id), 'r', json_build_array());
  ELSIF TG_TABLE_NAME = 'approvals' THEN
    payload := json_build_object('o', OLD.org_id, 'g', json_build_array(), 'u', json_build_array(OLD.approver_id), 'r', json_build_array(OLD.approver_role));
  END IF;
  IF payload IS NOT NULL THEN
    PERFORM pg_notify('caseway_poke', payload::text);
  END IF;
  RETURN NULL;
END
$$`,
  `CREATE TRIGGER trg_cases_poke_old AFTER DELETE OR UPDATE OF assignment_group_id, assigned_to_id, opened_by_id ON cases FOR EACH ROW EXECUTE FUNCTION caseway_poke_old_audience()`,
  `CREATE TRIGGER trg_contributors_poke_old AFTER DELETE OR UPDATE OF case_id, user_id ON contributors FOR EACH ROW EXECUTE FUNCTION caseway_poke_old_audience()`,
  `CREATE TRIGGER trg_tasks_poke_old AFTER DELETE OR UPDATE OF case_id, assigned_to_id, assignment_group_id ON tasks FOR EACH ROW EXECUTE FUNCTION caseway_poke_old_audience()`,
  `CREATE TRIGGER trg_approvals_poke_old AFTER DELETE OR UPDATE OF case_id, approver_id, approver_role ON approvals FOR EACH ROW EXECUTE FUNCTION caseway_poke_old_audience()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
