/** The 360 view's reads against a real (in-memory) IndexedDB through the app's own Dexie schema. */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { Dexie, liveQuery } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { csmLifecycle } from '../../shared/domain/caseLifecycle';
import { openCache, recordTable, type CasewayDb } from '../db/database';
import { loadPerson, personQuery } from './personData';

const ids = {
  ana: 'c-ana', ben: 'c-ben', home: 'h-1', address: 'ad-1', acme: 'a-acme', acmeChild: 'a-acme-east', zoe: 'ct-zoe', yuri: 'ct-yuri',
  caseType: 'ct-csm', openCase: 'case-1', closedCase: 'case-2', acmeCase: 'case-3', contract: 'sc-1',
};

async function seed(db: CasewayDb): Promise<void> {
  const put = (type: Parameters<typeof recordTable>[1], rows: Record<string, unknown>[]) => recordTable(db, type).bulkPut(rows.map((r) => ({ ...r, id: String(r.id) })));
  const person = { email: null, phone: null, mobile: null, preferredLanguage: 'en', preferredChannel: 'email' };
  await put('address', [{ id: ids.address, label: null, line1: '12 Main St', line2: null, city: 'Riverton', region: 'NSW', postalCode: '2000', country: 'AU' }]);
  await put('consumer', [
    { id: ids.ana, firstName: 'Ana', lastName: 'Lopez', ...person, constituentNumber: 'RC100001', dateOfBirth: '1980-02-03', addressId: ids.address },
    { id: ids.ben, firstName: 'Ben', lastName: 'Lopez', ...person, constituentNumber: null, dateOfBirth: null, addressId: ids.address },
  ]);
  await put('household', [{ id: ids.home, name: 'Lopez household', addressId: ids.address, primaryConsumerId: ids.ana }]);
  await put('householdMember', [
    { id: 'hm-1', householdId: ids.home, consumerId: ids.ana, relationship: 'head', isPrimary: true },
    { id: 'hm-2', householdId: ids.home, consumerId: ids.ben, relationship: 'spouse', isPrimary: false },
  ]);
  await put('account', [
    { id: ids.acme, number: 'ACC1', name: 'Acme', kind: 'customer', parentAccountId: null, industry: null, phone: null, email: null, website: null, addressId: null, primaryContactId: ids.zoe },
    { id: ids.acmeChild, number: 'ACC2', name: 'Acme East', kind: 'customer', parentAccountId: ids.acme, industry: null, phone: null, email: null, website: null, addressId: null, primaryContactId: null },
  ]);
  await put('contact', [
    { id: ids.zoe, firstName: 'Zoe', lastName: 'Park', ...person, accountId: ids.acme, title: 'Owner', isPrimary: true, isActive: true },
    { id: ids.yuri, firstName: 'Yuri', lastName: 'Ng', ...person, accountId: ids.acme, title: null, isPrimary: false, isActive: true },
  ]);
  await put('soldProduct', [{ id: 'sp-1', name: 'Business supply', productModelId: 'pm', parentSoldProductId: null, accountId: ids.acme, consumerId: null, householdId: null, serialNumber: null, status: 'active' }]);
  const item = (id: string, name: string, parentId: string | null) => ({ id, name, parentId, rootId: parentId ? 'ib-root' : null, soldProductId: 'sp-1', accountId: ids.acme, consumerId: null, householdId: null, serialNumber: `SN-${id}`, state: 'in_service' });
  await put('installBaseItem', [item('ib-root', 'Service point', null), item('ib-meter', 'Smart meter', 'ib-root'), item('ib-comms', 'Comms module', 'ib-meter')]);
  await put('serviceContract', [{ id: ids.contract, number: 'SC1', name: 'Acme agreement', accountId: ids.acme, consumerId: null, startsOn: '2026-01-01', endsOn: '2027-12-31', state: 'active' }]);
  await put('entitlement', [
    { id: 'en-1', name: 'Priority support', contractId: ids.contract, accountId: ids.acme, consumerId: null, channels: ['phone'], startsOn: '2026-01-01', endsOn: '2027-12-31', unit: 'cases', totalUnits: 12, remainingUnits: 7 },
    { id: 'en-2', name: 'Goodwill hours', contractId: null, accountId: ids.acme, consumerId: null, channels: ['email'], startsOn: '2026-01-01', endsOn: '2026-06-30', unit: 'hours', totalUnits: 5, remainingUnits: 5 },
  ]);
  await put('caseType', [{ id: ids.caseType, key: 'general', name: 'General', lifecycle: csmLifecycle }]);
  const kase = (id: string, number: string, state: string, over: Record<string, unknown>) => ({
    id, number, caseTypeId: ids.caseType, shortDescription: `Case ${number}`, state, priority: 3, openedAt: '2026-05-01T00:00:00.000Z', resolvedAt: null, closedAt: null,
    consumerId: null, householdId: null, accountId: null, contactId: null, ...over,
  });
  await put('case', [
    kase(ids.openCase, 'CS0000001', 'in_progress', { consumerId: ids.ana, householdId: ids.home }),
    kase(ids.closedCase, 'CS0000002', 'closed', { consumerId: ids.ben, householdId: ids.home, closedAt: '2026-05-03T00:00:00.000Z' }),
    kase(ids.acmeCase, 'CS0000003', 'new', { accountId: ids.acme, contactId: ids.zoe }),
  ]);
  await put('interaction', [
    { id: 'i-1', number: 'IMS1', channel: 'phone', direction: 'inbound', state: 'closed', startedAt: '2026-05-01T00:00:00.000Z', consumerId: ids.ana, contactId: null, accountId: null, caseId: ids.openCase, subject: null },
    { id: 'i-2', number: 'IMS2', channel: 'email', direction: 'inbound', state: 'closed', startedAt: '2026-05-02T00:00:00.000Z', consumerId: ids.ben, contactId: null, accountId: null, caseId: null, subject: 'Bill' },
  ]);
  await db.meta.put({ key: 'sync', deviceId: 'd', userId: 'u', orgId: 'o', cursor: null, lastQueuedId: 0, lastMutationId: 0, lastSyncAt: '2026-05-04T10:00:00.000Z', isSnapshotting: false });
}

describe('loadPerson', () => {
  let db: CasewayDb;
  beforeEach(async () => {
    db = openCache(`people-${crypto.randomUUID()}`, { durability: 'relaxed', indexedDB, IDBKeyRange });
    await seed(db);
  });
  afterEach(() => db.close());

  it('is null for a record not on the device', async () => {
    expect(await loadPerson(db, 'consumer', 'nobody')).toBeNull();
  });

  it('gives a consumer its identity, address, households with the other members, cases and interactions', async () => {
    const data = await loadPerson(db, 'consumer', ids.ana);
    expect(data?.name).toBe('Ana Lopez');
    expect(data?.identity).toMatchObject({ kind: 'consumer', address: { city: 'Riverton' } });
    expect(data?.members).toEqual({
      kind: 'consumer',
      households: [{ household: { kind: 'household', id: ids.home, name: 'Lopez household' }, relationship: 'head', isPrimary: true, others: [{ person: { kind: 'consumer', id: ids.ben, name: 'Ben Lopez' }, relationship: 'spouse', isPrimary: false }] }],
    });
    expect(data?.cases.open.map((c) => [c.number, c.stateLabel])).toEqual([['CS0000001', 'In Progress']]);
    expect(data?.cases.past).toEqual([]);
    expect(data?.interactions.map((i) => [i.interaction.number, i.caseNumber])).toEqual([['IMS1', 'CS0000001']]);
    expect(data?.products).toEqual([]);
    expect(data?.lastSyncAt).toBe('2026-05-04T10:00:00.000Z');
  });

  it("gives a household its members (primary first), its cases open and past, and its members' interactions", async () => {
    const data = await loadPerson(db, 'household', ids.home);
    expect(data?.members.kind === 'household' && data.members.members.map((m) => [m.person.name, m.relationship, m.isPrimary])).toEqual([
      ['Ana Lopez', 'head', true],
      ['Ben Lopez', 'spouse', false],
    ]);
    expect(data?.cases.open.map((c) => c.number)).toEqual(['CS0000001']);
    expect(data?.cases.past.map((c) => c.number)).toEqual(['CS0000002']);
    expect(data?.interactions.map((i) => i.interaction.number)).toEqual(['IMS2', 'IMS1']);
  });

  it("gives a contact its account's install base tree, contracts and entitlements, and its colleagues", async () => {
    const data = await loadPerson(db, 'contact', ids.zoe);
    expect(data?.holder).toEqual({ kind: 'account', id: ids.acme, name: 'Acme' });
    const sp = data?.products[0];
    expect(sp?.name).toBe('Business supply');
    expect(sp?.children[0]?.name).toBe('Service point');
    expect(sp?.children[0]?.children[0]?.children[0]?.name).toBe('Comms module');
    expect(data?.contracts.map((c) => [c.contract.number, c.entitlements.map((e) => e.name)])).toEqual([['SC1', ['Priority support']]]);
    expect(data?.otherEntitlements.map((e) => e.name)).toEqual(['Goodwill hours']);
    expect(data?.members).toEqual({ kind: 'contact', account: { kind: 'account', id: ids.acme, name: 'Acme' }, colleagues: [{ person: { kind: 'contact', id: ids.yuri, name: 'Yuri Ng' }, title: null, isPrimary: false }] });
    expect(data?.cases.open.map((c) => c.number)).toEqual(['CS0000003']);
  });

  it('gives an account its contacts, child accounts and cases', async () => {
    const data = await loadPerson(db, 'account', ids.acme);
    expect(data?.members.kind === 'account' && data.members.contacts.map((c) => c.person.name)).toEqual(['Zoe Park', 'Yuri Ng']);
    expect(data?.members.kind === 'account' && data.members.children.map((a) => a.name)).toEqual(['Acme East']);
    expect(data?.identity).toMatchObject({ kind: 'account', primaryContact: { firstName: 'Zoe' } });
    expect(data?.cases.open.map((c) => c.number)).toEqual(['CS0000003']);
  });

  it('as a live query, reads again when a sync writes a record it showed', async () => {
    // liveQuery reads the IndexedDB it finds globally (there is none in Node): point it at ours.
    Dexie.dependencies.indexedDB = indexedDB;
    Dexie.dependencies.IDBKeyRange = IDBKeyRange;
    const seen: unknown[] = [];
    let resolveNext: () => void = () => undefined;
    const subscription = liveQuery(personQuery(db, 'contact', ids.zoe)).subscribe((data) => {
      seen.push([data?.contracts[0]?.entitlements[0]?.remainingUnits, data?.lastSyncAt]);
      resolveNext();
    });
    const next = () =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no new value after ${JSON.stringify(seen)}`)), 2000);
        resolveNext = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    await next();
    // Several writes in turn: each is seen, not only the first after the initial read.
    await recordTable(db, 'entitlement').update('en-1', { remainingUnits: 6 });
    await next();
    await db.meta.update('sync', { lastSyncAt: '2026-05-04T11:00:00.000Z' });
    await next();
    await recordTable(db, 'entitlement').update('en-1', { remainingUnits: 5 });
    await next();
    subscription.unsubscribe();
    expect(seen).toEqual([
      [7, '2026-05-04T10:00:00.000Z'],
      [6, '2026-05-04T10:00:00.000Z'],
      [6, '2026-05-04T11:00:00.000Z'],
      [5, '2026-05-04T11:00:00.000Z'],
    ]);
  });
});

