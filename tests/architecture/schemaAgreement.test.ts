/** The migrations and the shared record definitions describe the same tables and columns. */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { columnKind, isNullableField, refOf } from '../../shared/domain/entity';
import { entityDefs, recordTypes } from '../../shared/domain/records';
import { snakeCase } from '../../server/services/rowMapping';
import { useFreshStore } from '../support/stores';

const pgType: Record<string, string> = { text: 'text', uuid: 'uuid', integer: 'integer', 'double precision': 'double precision', boolean: 'boolean', timestamptz: 'timestamp with time zone', date: 'date', jsonb: 'jsonb' };

/** Columns only the sync machinery uses; the API never shows them. */
const syncColumns: Partial<Record<string, string[]>> = { case: ['scope_rev'] };

describe('schema agreement', () => {
  const store = useFreshStore();

  it.each(recordTypes)('%s: every field is a column of the right type, nullability and reference', async (type) => {
    const def = entityDefs[type];
    const columns = await sql<{ column_name: string; data_type: string; is_nullable: string }>`
      select column_name, data_type, is_nullable from information_schema.columns where table_name = ${def.table}`.execute(store().db);
    const byName = new Map(columns.rows.map((c) => [c.column_name, c]));
    const expected = new Set(['id', 'org_id', 'created_at', 'updated_at', 'rev', ...Object.keys(def.fields).map(snakeCase), ...(syncColumns[type] ?? [])]);
    expect(new Set(byName.keys())).toEqual(expected);
    for (const [field, schema] of Object.entries(def.fields)) {
      const column = byName.get(snakeCase(field));
      expect(column?.data_type, `${type}.${field}`).toBe(pgType[columnKind(schema)]);
      const isNullable = isNullableField(schema);
      expect(column?.is_nullable === 'YES', `${type}.${field} nullable`).toBe(isNullable);
    }
    const fks = await sql<{ column_name: string; foreign_table: string }>`
      select kcu.column_name, ccu.table_name as foreign_table
      from information_schema.table_constraints tc
      join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name
      join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name
      where tc.constraint_type = 'FOREIGN KEY' and tc.table_name = ${def.table} and kcu.column_name <> 'org_id'`.execute(store().db);
    const expectedFks = Object.entries(def.fields).flatMap(([field, schema]) => {
      const ref = refOf(schema);
      return ref ? [`${snakeCase(field)}→${entityDefs[ref.ref as keyof typeof entityDefs].table}`] : [];
    });
    expect(fks.rows.map((r) => `${r.column_name}→${r.foreign_table}`).sort()).toEqual(expectedFks.sort());
  });

  it.each(recordTypes)('%s: inserts and updates keep the change head a pull reads (SPEC P1)', async (type) => {
    const table = entityDefs[type].table;
    const triggers = await sql<{ trigger_name: string; event_manipulation: string }>`
      select trigger_name, event_manipulation from information_schema.triggers where event_object_table = ${table} and trigger_name like 'trg_%_head_%'`.execute(store().db);
    expect(triggers.rows.map((t) => `${t.trigger_name} ${t.event_manipulation}`).sort()).toEqual([`trg_${table}_head_insert INSERT`, `trg_${table}_head_update UPDATE`]);
  });
});
