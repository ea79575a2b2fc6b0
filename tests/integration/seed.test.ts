/** The demo data is deterministic and realistic: the same inputs give the same data, over every state. */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { seed } from '../../server/seed/seed';
import { testAnchor } from '../support/harness';
import { backends } from '../support/stores';

async function digest(cases: number) {
  const backend = backends[0];
  if (!backend) throw new Error('no backend');
  const { store, dispose } = await backend.open();
  try {
    const result = await seed(store, { cases, anchor: testAnchor, log: () => undefined });
    const rows = await sql<{ number: string; short_description: string; state: string; opened_at: Date }>`select number, short_description, state, opened_at from cases order by org_id, number`.execute(store.db);
    const counts = await sql<{ t: string; n: number }>`
      select 'users' as t, count(*)::int as n from users union all select 'groups', count(*)::int from groups
      union all select 'case_types', count(*)::int from case_types union all select 'install_base_items', count(*)::int from install_base_items
      union all select 'households', count(*)::int from households union all select 'entitlements', count(*)::int from entitlements
      union all select 'journal_entries', count(*)::int from journal_entries union all select 'field_history', count(*)::int from field_history
      union all select 'service_organizations', count(*)::int from service_organizations union all select 'business_locations', count(*)::int from business_locations`.execute(store.db);
    const states = await sql<{ key: string; state: string }>`select distinct ct.key, c.state from cases c join case_types ct on ct.id = c.case_type_id`.execute(store.db);
    const lifecycles = await sql<{ key: string; lifecycle: { states: { key: string }[] } }>`select key, lifecycle from case_types`.execute(store.db);
    return { result, cases: rows.rows.map((r) => `${r.number}|${r.short_description}|${r.state}|${r.opened_at.toISOString()}`), counts: Object.fromEntries(counts.rows.map((r) => [r.t, r.n])), states: states.rows, lifecycles: lifecycles.rows };
  } finally {
    await dispose();
  }
}

describe('demo data', () => {
  it('is the same on every run with the same case count and anchor, and covers every state', async () => {
    const a = await digest(1500);
    const b = await digest(1500);
    expect(a.cases).toEqual(b.cases);
    expect(a.counts).toEqual(b.counts);
    expect(a.cases).toHaveLength(1500);
    expect(a.result.orgs.map((o) => o.name)).toEqual(['City of Riverton', 'Harbour Water & Power']);
    expect(a.counts.users).toBeGreaterThanOrEqual(38);
    expect(a.counts.case_types).toBeGreaterThanOrEqual(6);
    expect(a.counts.service_organizations).toBeGreaterThanOrEqual(6);
    for (const key of ['users', 'groups', 'install_base_items', 'households', 'entitlements', 'journal_entries', 'field_history']) expect(a.counts[key], key).toBeGreaterThan(0);
    for (const ct of a.lifecycles) {
      const seen = new Set(a.states.filter((s) => s.key === ct.key).map((s) => s.state));
      expect([...seen].sort(), ct.key).toEqual(ct.lifecycle.states.map((s) => s.key).sort());
    }
  });
});
