import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema';

/** The next value of a named per-organisation counter (case numbers, task numbers, …). */
export async function nextNumber(trx: Transaction<DB>, orgId: string, name: string): Promise<number> {
  const result = await sql<{ value: number }>`
    insert into number_sequences (org_id, name, next_value) values (${orgId}, ${name}, 2)
    on conflict (org_id, name) do update set next_value = number_sequences.next_value + 1
    returning next_value - 1 as value`.execute(trx);
  const value = result.rows[0]?.value;
  if (value === undefined) throw new Error('number sequence returned nothing');
  return Number(value);
}

export function formatNumber(prefix: string, value: number): string {
  return `${prefix}${String(value).padStart(7, '0')}`;
}
