/** Fast inserts for seeding: one statement per chunk, one array parameter per column (unnest). */
import { sql, type Kysely } from 'kysely';
import type { ColumnKind } from '../../shared/domain/entity';
import { entityDef, type RecordType } from '../../shared/domain/records';
import type { DB } from '../db/schema';
import { fieldKinds, snakeCase } from '../services/rowMapping';

export type SeedRecord = Record<string, unknown> & { id: string; orgId: string; createdAt: string; updatedAt: string };

const arrayType: Record<ColumnKind, string> = {
  text: 'text[]',
  uuid: 'uuid[]',
  integer: 'int[]',
  'double precision': 'float8[]',
  boolean: 'bool[]',
  timestamptz: 'timestamptz[]',
  date: 'date[]',
  jsonb: 'text[]',
};

const chunkSize = 5000;

export async function bulkInsert(db: Kysely<DB>, type: RecordType, records: readonly SeedRecord[]): Promise<void> {
  if (records.length === 0) return;
  const def = entityDef(type);
  const kinds: [string, ColumnKind][] = [['id', 'uuid'], ['orgId', 'uuid'], ['createdAt', 'timestamptz'], ['updatedAt', 'timestamptz'], ...fieldKinds(def)];
  for (let start = 0; start < records.length; start += chunkSize) {
    const chunk = records.slice(start, start + chunkSize);
    const columns = kinds.map(([field]) => sql.ref(snakeCase(field)));
    const aliases = kinds.map((_, i) => sql.raw(`c${i}`));
    const selects = kinds.map(([, kind], i) => (kind === 'jsonb' ? sql.raw(`c${i}::jsonb`) : sql.raw(`c${i}`)));
    const arrays = kinds.map(([field, kind]) => {
      const values = chunk.map((r) => {
        const v = r[field];
        if (v === undefined || v === null) return null;
        return kind === 'jsonb' ? JSON.stringify(v) : v;
      });
      return sql`${values}::${sql.raw(arrayType[kind])}`;
    });
    await sql`insert into ${sql.table(def.table)} (${sql.join(columns)}) select ${sql.join(selects)} from unnest(${sql.join(arrays)}) as u(${sql.join(aliases)})`.execute(db);
  }
}
