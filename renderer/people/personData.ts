/**
 * Everything the 360 view shows about one consumer, contact, household or account, read from the
 * device's cache only (by indexed fields), so it works offline. Run inside a live query, it is
 * read again whenever a table it touched changes, e.g. when a pull brings newer records.
 */
import type { Case } from '../../shared/domain/case';
import type { Lifecycle } from '../../shared/domain/caseLifecycle';
import { caseTypeDef } from '../../shared/domain/caseType';
import type { Entitlement, ServiceContract } from '../../shared/domain/contract';
import type { Account, Address, Consumer, Contact, Household, HouseholdMember } from '../../shared/domain/customer';
import type { Interaction } from '../../shared/domain/interaction';
import type { InstallBaseItem, SoldProduct } from '../../shared/domain/product';
import type { RecordType, RecordTypeMap } from '../../shared/domain/records';
import { recordTitle } from '../app/recordTitle';
import { recordTable, type CasewayDb } from '../db/database';
import { splitCases } from './caseOrder';
import type { PersonKind } from './Person360';
import { buildProductTree, type ProductNode } from './productTree';

/** A person or account to link to: what opening its tab needs, and its name. */
export type PersonLink = { kind: PersonKind; id: string; name: string };
export type MemberRow = { person: PersonLink; relationship: HouseholdMember['relationship']; isPrimary: boolean };
export type ContactRow = { person: PersonLink; title: string | null; isPrimary: boolean };

export type Identity =
  | { kind: 'consumer'; record: Consumer; address: Address | null }
  | { kind: 'contact'; record: Contact; account: Account | null }
  | { kind: 'household'; record: Household; address: Address | null; primary: Consumer | null }
  | { kind: 'account'; record: Account; address: Address | null; primaryContact: Contact | null };

export type Members =
  | { kind: 'consumer'; households: { household: PersonLink; relationship: HouseholdMember['relationship']; isPrimary: boolean; others: MemberRow[] }[] }
  | { kind: 'household'; members: MemberRow[] }
  | { kind: 'account'; parent: PersonLink | null; children: PersonLink[]; contacts: ContactRow[] }
  | { kind: 'contact'; account: PersonLink | null; colleagues: ContactRow[] };

export type CaseRow = { id: string; number: string; shortDescription: string; stateLabel: string; priority: number; openedAt: string };
/** caseNumber: the linked case's number ('' while a new case awaits its number), null when that case is not on this device. */
export type InteractionRow = { interaction: Interaction; caseNumber: string | null };
export type ContractView = { contract: ServiceContract; entitlements: Entitlement[] };

export type PersonData = {
  name: string;
  identity: Identity;
  members: Members;
  /** Whose products and contracts are shown: a contact's are its account's. */
  holder: PersonLink | null;
  products: ProductNode[];
  contracts: ContractView[];
  /** Entitlements of the holder that belong to no contract on the device. */
  otherEntitlements: Entitlement[];
  cases: { open: CaseRow[]; past: CaseRow[] };
  interactions: InteractionRow[];
  lastSyncAt: string | null;
};

type Db = CasewayDb;

// The cache holds what the store sent, validated by the shared schemas on the way in.
async function get<T extends RecordType>(db: Db, type: T, id: string | null): Promise<RecordTypeMap[T] | null> {
  if (id === null) return null;
  return ((await recordTable(db, type).get(id)) as unknown as RecordTypeMap[T] | undefined) ?? null;
}

async function where<T extends RecordType>(db: Db, type: T, index: string, values: readonly string[]): Promise<RecordTypeMap[T][]> {
  if (values.length === 0) return [];
  const table = recordTable(db, type).where(index);
  return (await (values.length === 1 ? table.equals(values[0] ?? '') : table.anyOf([...values])).toArray()) as unknown as RecordTypeMap[T][];
}

const link = (kind: PersonKind, record: Consumer | Contact | Account | Household): PersonLink => ({ kind, id: record.id, name: recordTitle(kind, record) });
const byName = (a: { person: PersonLink }, b: { person: PersonLink }): number => a.person.name.localeCompare(b.person.name);

async function loadIdentity(db: Db, kind: PersonKind, id: string): Promise<Identity | null> {
  switch (kind) {
    case 'consumer': {
      const record = await get(db, 'consumer', id);
      return record && { kind, record, address: await get(db, 'address', record.addressId) };
    }
    case 'contact': {
      const record = await get(db, 'contact', id);
      return record && { kind, record, account: await get(db, 'account', record.accountId) };
    }
    case 'household': {
      const record = await get(db, 'household', id);
      return record && { kind, record, address: await get(db, 'address', record.addressId), primary: await get(db, 'consumer', record.primaryConsumerId) };
    }
    case 'account': {
      const record = await get(db, 'account', id);
      return record && { kind, record, address: await get(db, 'address', record.addressId), primaryContact: await get(db, 'contact', record.primaryContactId) };
    }
    default: {
      const exhaustive: never = kind;
      return exhaustive;
    }
  }
}

async function householdMembers(db: Db, householdId: string, primaryConsumerId: string | null): Promise<MemberRow[]> {
  const rows = await where(db, 'householdMember', 'householdId', [householdId]);
  const people = await Promise.all(rows.map((m) => get(db, 'consumer', m.consumerId)));
  return rows
    .flatMap((m, i) => {
      const person = people[i];
      return person ? [{ person: link('consumer', person), relationship: m.relationship, isPrimary: m.isPrimary || m.consumerId === primaryConsumerId }] : [];
    })
    .sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary) || byName(a, b));
}

async function accountContacts(db: Db, accountId: string, except: string | null): Promise<ContactRow[]> {
  const contacts = await where(db, 'contact', 'accountId', [accountId]);
  return contacts
    .filter((c) => c.id !== except)
    .map((c) => ({ person: link('contact', c), title: c.title, isPrimary: c.isPrimary }))
    .sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary) || byName(a, b));
}

async function loadMembers(db: Db, identity: Identity): Promise<Members> {
  switch (identity.kind) {
    case 'consumer': {
      const memberships = await where(db, 'householdMember', 'consumerId', [identity.record.id]);
      const households = await Promise.all(
        memberships.map(async (m) => {
          const household = await get(db, 'household', m.householdId);
          if (!household) return null;
          const others = (await householdMembers(db, household.id, household.primaryConsumerId)).filter((o) => o.person.id !== identity.record.id);
          return { household: link('household', household), relationship: m.relationship, isPrimary: m.isPrimary || household.primaryConsumerId === identity.record.id, others };
        }),
      );
      return { kind: 'consumer', households: households.flatMap((h) => h ?? []) };
    }
    case 'household':
      return { kind: 'household', members: await householdMembers(db, identity.record.id, identity.record.primaryConsumerId) };
    case 'account': {
      const parent = await get(db, 'account', identity.record.parentAccountId);
      const children = (await where(db, 'account', 'parentAccountId', [identity.record.id])).map((a) => link('account', a)).sort((a, b) => a.name.localeCompare(b.name));
      return { kind: 'account', parent: parent && link('account', parent), children, contacts: await accountContacts(db, identity.record.id, null) };
    }
    case 'contact':
      return { kind: 'contact', account: identity.account && link('account', identity.account), colleagues: await accountContacts(db, identity.record.accountId, identity.record.id) };
    default: {
      const exhaustive: never = identity;
      return exhaustive;
    }
  }
}

/** Who holds the products and contracts: the person itself, a contact's account, a household's members (contracts). */
type Holder = { index: 'consumerId' | 'accountId' | 'householdId'; ids: string[]; contractIndex: 'consumerId' | 'accountId'; contractIds: string[]; link: PersonLink | null };

function holderOf(identity: Identity, members: Members): Holder {
  const self = { kind: identity.kind, id: identity.record.id, name: recordTitle(identity.kind, identity.record) };
  switch (identity.kind) {
    case 'consumer':
      return { index: 'consumerId', ids: [self.id], contractIndex: 'consumerId', contractIds: [self.id], link: self };
    case 'account':
      return { index: 'accountId', ids: [self.id], contractIndex: 'accountId', contractIds: [self.id], link: self };
    case 'contact': {
      const account = identity.account ? link('account', identity.account) : null;
      return { index: 'accountId', ids: [identity.record.accountId], contractIndex: 'accountId', contractIds: [identity.record.accountId], link: account };
    }
    case 'household':
      // Contracts name a consumer or an account, never a household: a household's are its members'.
      return { index: 'householdId', ids: [self.id], contractIndex: 'consumerId', contractIds: members.kind === 'household' ? members.members.map((m) => m.person.id) : [], link: self };
    default: {
      const exhaustive: never = identity;
      return exhaustive;
    }
  }
}

async function loadProducts(db: Db, holder: Holder): Promise<ProductNode[]> {
  const [sold, items] = await Promise.all([where(db, 'soldProduct', holder.index, holder.ids), where(db, 'installBaseItem', holder.index, holder.ids)]);
  return buildProductTree(sold as SoldProduct[], items as InstallBaseItem[]);
}

async function loadContracts(db: Db, holder: Holder): Promise<{ contracts: ContractView[]; otherEntitlements: Entitlement[] }> {
  const contracts = (await where(db, 'serviceContract', holder.contractIndex, holder.contractIds)).sort((a, b) => b.endsOn.localeCompare(a.endsOn) || a.number.localeCompare(b.number));
  const [ofContracts, ofHolder] = await Promise.all([where(db, 'entitlement', 'contractId', contracts.map((c) => c.id)), where(db, 'entitlement', holder.contractIndex, holder.contractIds)]);
  const all = new Map([...ofContracts, ...ofHolder].map((e) => [e.id, e]));
  const sorted = [...all.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  const contractIds = new Set(contracts.map((c) => c.id));
  return {
    contracts: contracts.map((contract) => ({ contract, entitlements: sorted.filter((e) => e.contractId === contract.id) })),
    otherEntitlements: sorted.filter((e) => e.contractId === null || !contractIds.has(e.contractId)),
  };
}

const caseIndex: Record<PersonKind, 'consumerId' | 'contactId' | 'accountId' | 'householdId'> = { consumer: 'consumerId', contact: 'contactId', account: 'accountId', household: 'householdId' };

async function loadCases(db: Db, kind: PersonKind, id: string): Promise<PersonData['cases']> {
  const cases = await where(db, 'case', caseIndex[kind], [id]);
  const typeIds = [...new Set(cases.map((c) => c.caseTypeId))];
  const types = await Promise.all(typeIds.map((typeId) => get(db, 'caseType', typeId)));
  const lifecycles = new Map<string, Lifecycle>();
  types.forEach((type) => {
    const parsed = type && caseTypeDef.fields.lifecycle.safeParse(type.lifecycle);
    if (type && parsed?.success) lifecycles.set(type.id, parsed.data);
  });
  const row = (c: Case): CaseRow => ({
    id: c.id, number: c.number, shortDescription: c.shortDescription, priority: c.priority, openedAt: c.openedAt,
    stateLabel: lifecycles.get(c.caseTypeId)?.states.find((s) => s.key === c.state)?.label ?? c.state.replace(/_/g, ' '),
  });
  const { open, past } = splitCases(cases, lifecycles);
  return { open: open.map(row), past: past.map(row) };
}

async function loadInteractions(db: Db, identity: Identity, members: Members): Promise<InteractionRow[]> {
  // Interactions name a consumer, contact or account; a household's are its members'.
  const list =
    identity.kind === 'household'
      ? await where(db, 'interaction', 'consumerId', members.kind === 'household' ? members.members.map((m) => m.person.id) : [])
      : await where(db, 'interaction', caseIndex[identity.kind], [identity.record.id]);
  list.sort((a, b) => b.startedAt.localeCompare(a.startedAt) || a.id.localeCompare(b.id));
  const caseIds = [...new Set(list.flatMap((i) => (i.caseId ? [i.caseId] : [])))];
  const cases = (await recordTable(db, 'case').bulkGet(caseIds)) as unknown as (Case | undefined)[];
  const numbers = new Map(cases.flatMap((c) => (c ? [[c.id, c.number] as const] : [])));
  return list.map((interaction) => ({ interaction, caseNumber: interaction.caseId ? (numbers.get(interaction.caseId) ?? null) : null }));
}

/** The 360 view's data, or null when the record is not on this device. */
export async function loadPerson(db: Db, kind: PersonKind, id: string): Promise<PersonData | null> {
  const identity = await loadIdentity(db, kind, id);
  if (!identity) return null;
  const members = await loadMembers(db, identity);
  const holder = holderOf(identity, members);
  const [products, contracts, cases, interactions, meta] = await Promise.all([
    loadProducts(db, holder),
    loadContracts(db, holder),
    loadCases(db, kind, id),
    loadInteractions(db, identity, members),
    db.meta.get('sync'),
  ]);
  return { name: recordTitle(kind, identity.record), identity, members, holder: holder.link, products, ...contracts, cases, interactions, lastSyncAt: meta?.lastSyncAt ?? null };
}

/**
 * The querier for the view's live query. It is itself an async function on purpose: Dexie follows
 * the native awaits of the nested reads only for an async querier; a plain function returning
 * loadPerson's promise is observed on its first run and silently stops updating after the next.
 */
export function personQuery(db: Db, kind: PersonKind, id: string): () => Promise<PersonData | null> {
  return async () => loadPerson(db, kind, id);
}
