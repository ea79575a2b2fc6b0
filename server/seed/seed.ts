/** Writes the deterministic demo data set: both organisations, their reference data and N cases. */
import { sql } from 'kysely';
import { entityDefs, recordTypes, type RecordType } from '../../shared/domain/records';
import type { Store } from '../db/database';
import { hashPassword } from '../http/passwords';
import { lockForWrite } from '../services/recordService';
import { bulkInsert } from './bulkInsert';
import { generateCases, type Counters } from './cases';
import { demoOrgs, demoPassword } from './catalog';
import { createRandom } from './random';
import { buildReference, type Clock, type OrgData, type Rows } from './reference';

export type SeedOptions = {
  cases: number;
  /** The "now" the data is built around; the same anchor and case count give the same data. */
  anchor: Date;
  /** Prints progress lines. */
  log: (line: string) => void;
  /** Each organisation's share of the cases, in catalog order (default: the catalog's shares). */
  caseShares?: readonly number[];
  /** Consumers per case of an organisation (default a quarter). */
  peoplePerCase?: number;
};

export type SeedResult = { cases: number; rows: number; ms: number; orgs: { name: string; orgId: string; cases: number }[] };

const batchCases = 20_000;

async function writeRows(store: Store, rows: Rows): Promise<number> {
  let count = 0;
  await store.db.transaction().execute(async (trx) => {
    await lockForWrite(trx);
    for (const type of recordTypes) {
      const list = rows[type];
      if (!list?.length) continue;
      await bulkInsert(trx, type, list);
      count += list.length;
    }
  });
  return count;
}

export async function isSeeded(store: Store): Promise<boolean> {
  const row = await store.db.selectFrom('organizations').select(sql<number>`count(*)`.as('n')).executeTakeFirst();
  return Number(row?.n ?? 0) > 0;
}

/** Empties every table (demo resets only). */
export async function resetData(store: Store): Promise<void> {
  const tables = ['device_sessions', 'credentials', 'number_sequences', 'tombstones', ...recordTypes.map((t: RecordType) => tableOf(t))];
  await sql.raw(`truncate ${tables.join(', ')} cascade`).execute(store.db);
}

function tableOf(type: RecordType): string {
  return entityDefs[type].table;
}

export async function seed(store: Store, options: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const r = createRandom(20261122);
  const anchor = options.anchor.getTime();
  const clock: Clock = { anchor, iso: (offset) => new Date(anchor + offset).toISOString() };
  const shareOf = (index: number): number => options.caseShares?.[index] ?? demoOrgs[index]?.caseShare ?? 0;
  const orgs: OrgData[] = demoOrgs.map((spec, index) => {
    const share = Math.round(options.cases * shareOf(index));
    return buildReference(spec, r, clock, { consumers: Math.max(60, Math.round(share * (options.peoplePerCase ?? 0.25))), accounts: Math.max(12, Math.round(share / 80)) });
  });
  let total = 0;
  for (const org of orgs) total += await writeRows(store, org.rows);
  options.log(`reference data: ${total} rows in ${Math.round(performance.now() - started)} ms`);

  const passwordHash = await hashPassword(demoPassword);
  const users = orgs.flatMap((o) => [...o.users.values()]);
  await store.db.insertInto('credentials').values(users.map((id) => ({ user_id: id, password_hash: passwordHash }))).execute();

  const result: SeedResult['orgs'] = [];
  for (const [index, org] of orgs.entries()) {
    const target = index === orgs.length - 1 ? options.cases - result.reduce((s, o) => s + o.cases, 0) : Math.round(options.cases * shareOf(index));
    const counters: Counters = { case: 0, task: 0, workOrder: 0, interaction: 0 };
    for (let done = 0; done < target; ) {
      const size = Math.min(batchCases, target - done);
      const rows: Rows = {};
      generateCases(org, r, clock, size, counters, rows);
      total += await writeRows(store, rows);
      done += size;
      options.log(`${org.spec.name}: ${done}/${target} cases, ${total} rows, ${Math.round(performance.now() - started)} ms`);
    }
    for (const [name, value] of [['case', counters.case], ['task', counters.task], ['work_order', counters.workOrder], ['interaction', counters.interaction]] as const) {
      await store.db.insertInto('number_sequences').values({ org_id: org.orgId, name, next_value: value + 1 }).execute();
    }
    result.push({ name: org.spec.name, orgId: org.orgId, cases: target });
  }
  await sql`analyze`.execute(store.db);
  return { cases: options.cases, rows: total, ms: Math.round(performance.now() - started), orgs: result };
}
