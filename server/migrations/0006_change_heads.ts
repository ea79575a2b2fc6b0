/**
 * 0006: the newest rev of each record type per organisation, kept by statement-level triggers in
 * the writing transaction. A pull reads its snapshot's head and the types that changed above its
 * cursor from this small table instead of probing every record table (SPEC P1), which keeps an
 * up-to-date device's pull cheap when a poke wakes hundreds of them at once.
 */
import { sql, type Kysely } from 'kysely';

/**
 * Every record table as of this migration and the tombstones, with the key a head is kept under
 * (the record type). Written out, not derived: a later table gets its triggers in its own migration.
 */
const heads: readonly (readonly [table: string, key: string])[] = [
  ['organizations', 'organization'],
  ['addresses', 'address'],
  ['service_organizations', 'serviceOrganization'],
  ['business_locations', 'businessLocation'],
  ['roles', 'role'],
  ['skills', 'skill'],
  ['users', 'user'],
  ['groups', 'group'],
  ['group_members', 'groupMember'],
  ['user_skills', 'userSkill'],
  ['accounts', 'account'],
  ['contacts', 'contact'],
  ['consumers', 'consumer'],
  ['households', 'household'],
  ['household_members', 'householdMember'],
  ['product_models', 'productModel'],
  ['catalog_items', 'catalogItem'],
  ['sold_products', 'soldProduct'],
  ['install_base_items', 'installBaseItem'],
  ['assets', 'asset'],
  ['service_contracts', 'serviceContract'],
  ['contract_lines', 'contractLine'],
  ['entitlements', 'entitlement'],
  ['case_types', 'caseType'],
  ['sla_definitions', 'slaDefinition'],
  ['playbook_definitions', 'playbookDefinition'],
  ['service_definitions', 'serviceDefinition'],
  ['interactions', 'interaction'],
  ['cases', 'case'],
  ['tasks', 'task'],
  ['case_slas', 'caseSla'],
  ['related_parties', 'relatedParty'],
  ['contributors', 'contributor'],
  ['approvals', 'approval'],
  ['journal_entries', 'journalEntry'],
  ['field_history', 'fieldHistory'],
  ['attachments', 'attachment'],
  ['tombstones', 'tombstone'],
];

const setup: readonly string[] = [
  `CREATE TABLE change_heads (
  org_id uuid NOT NULL,
  record_type text NOT NULL,
  rev bigint NOT NULL,
  PRIMARY KEY (org_id, record_type)
)`,
  `CREATE FUNCTION caseway_change_head() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO change_heads (org_id, record_type, rev)
    SELECT org_id, TG_ARGV[0], max(rev) FROM new_rows GROUP BY org_id
  ON CONFLICT (org_id, record_type) DO UPDATE SET rev = greatest(change_heads.rev, EXCLUDED.rev);
  RETURN NULL;
END
$$`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of setup) await sql.raw(statement).execute(db);
  for (const [table, key] of heads) {
    // A trigger with transition tables serves one event, hence one for inserts and one for updates.
    for (const event of ['INSERT', 'UPDATE']) {
      await sql.raw(`CREATE TRIGGER trg_${table}_head_${event.toLowerCase()} AFTER ${event} ON ${table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION caseway_change_head('${key}')`).execute(db);
    }
    await sql.raw(`INSERT INTO change_heads (org_id, record_type, rev) SELECT org_id, '${key}', max(rev) FROM ${table} GROUP BY org_id`).execute(db);
  }
}
