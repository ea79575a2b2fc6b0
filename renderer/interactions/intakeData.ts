/**
 * What the intake screen needs from the local cache for one interaction: the interaction, the
 * caller it is linked to (consumer, or contact and account), the caller's open cases, products and
 * install base items, entitlements with their contracts, and the service definitions offered on
 * the interaction's channel with their case types.
 */
import type { Case } from '../../shared/domain/case';
import { caseTypeDef, type CaseType, type ServiceDefinition } from '../../shared/domain/caseType';
import type { Entitlement, ServiceContract } from '../../shared/domain/contract';
import type { Interaction } from '../../shared/domain/interaction';
import type { InstallBaseItem, SoldProduct } from '../../shared/domain/product';
import type { LocalRecord } from '../../shared/sync/apply';
import { recordTitle } from '../app/recordTitle';
import { recordTable, type CasewayDb } from '../db/database';

export type Caller =
  | { kind: 'consumer'; id: string; name: string; record: LocalRecord; householdId: string | null; accountId: null }
  | { kind: 'contact'; id: string; name: string; record: LocalRecord; householdId: null; accountId: string }
  | { kind: 'account'; id: string; name: string; record: LocalRecord; householdId: null; accountId: string };

export type ProductChoice = { key: string; label: string; soldProductId: string | null; installBaseItemId: string | null; productModelId: string | null };

export type IntakeView = {
  interaction: Interaction;
  isPending: boolean;
  caller: Caller | null;
  openCases: Pick<Case, 'id' | 'number' | 'shortDescription' | 'state' | 'openedAt'>[];
  products: ProductChoice[];
  entitlements: Entitlement[];
  contracts: Map<string, ServiceContract>;
  services: (ServiceDefinition & { caseType: CaseType })[];
  lastSyncAt: string | null;
  /** The groups the signed-in agent belongs to. */
  myGroupIds: string[];
};

async function callerOf(db: CasewayDb, i: Interaction): Promise<Caller | null> {
  if (i.consumerId) {
    const record = await recordTable(db, 'consumer').get(i.consumerId);
    if (!record) return null;
    const membership = await recordTable(db, 'householdMember').where('consumerId').equals(record.id).first();
    return { kind: 'consumer', id: record.id, name: recordTitle('consumer', record), record, householdId: membership ? String(membership.householdId) : null, accountId: null };
  }
  if (i.contactId) {
    const record = await recordTable(db, 'contact').get(i.contactId);
    if (!record) return null;
    return { kind: 'contact', id: record.id, name: recordTitle('contact', record), record, householdId: null, accountId: String(record.accountId) };
  }
  if (i.accountId) {
    const record = await recordTable(db, 'account').get(i.accountId);
    if (!record) return null;
    return { kind: 'account', id: record.id, name: recordTitle('account', record), record, householdId: null, accountId: record.id };
  }
  return null;
}

export async function loadIntake(db: CasewayDb, interactionId: string, userId: string): Promise<IntakeView | null> {
  const interaction = (await recordTable(db, 'interaction').get(interactionId)) as unknown as Interaction | undefined;
  if (!interaction) return null;
  const caller = await callerOf(db, interaction);
  const isPending = (await db.shadows.get(`interaction:${interactionId}`)) !== undefined;

  const openCases: IntakeView['openCases'] = [];
  const products: ProductChoice[] = [];
  let entitlements: Entitlement[] = [];
  if (caller) {
    const ownerFilters: [string, string][] = caller.kind === 'consumer' ? [['consumerId', caller.id], ...(caller.householdId ? ([['householdId', caller.householdId]] as [string, string][]) : [])] : [['accountId', caller.accountId]];
    const caseFilter: [string, string] = caller.kind === 'contact' ? ['contactId', caller.id] : ownerFilters[0] ?? ['consumerId', caller.id];
    const cases = (await recordTable(db, 'case').where(caseFilter[0]).equals(caseFilter[1]).toArray()) as unknown as Case[];
    for (const c of cases.filter((x) => x.closedAt === null && x.resolvedAt === null).sort((a, b) => b.openedAt.localeCompare(a.openedAt))) openCases.push(c);
    const seen = new Set<string>();
    for (const [field, value] of ownerFilters) {
      const sold = (await recordTable(db, 'soldProduct').where(field).equals(value).toArray()) as unknown as SoldProduct[];
      const items = (await recordTable(db, 'installBaseItem').where(field).equals(value).toArray()) as unknown as InstallBaseItem[];
      for (const item of items) {
        if (seen.has(item.id)) continue;
        seen.add(item.id);
        products.push({ key: `i:${item.id}`, label: [item.name, item.serialNumber].filter(Boolean).join(' · '), installBaseItemId: item.id, soldProductId: item.soldProductId, productModelId: item.productModelId });
      }
      for (const p of sold) {
        if (seen.has(p.id) || items.some((i) => i.soldProductId === p.id)) continue;
        seen.add(p.id);
        products.push({ key: `s:${p.id}`, label: [p.name, p.serialNumber].filter(Boolean).join(' · '), installBaseItemId: null, soldProductId: p.id, productModelId: p.productModelId });
      }
    }
    const all = (await recordTable(db, 'entitlement').toArray()) as unknown as Entitlement[];
    entitlements = all.filter((e) => (caller.kind === 'consumer' ? e.consumerId === caller.id : e.accountId === caller.accountId) || (e.consumerId === null && e.accountId === null));
  }
  const contracts = new Map(((await recordTable(db, 'serviceContract').toArray()) as unknown as ServiceContract[]).map((k) => [k.id, k]));
  const types = new Map<string, CaseType>();
  for (const t of await recordTable(db, 'caseType').toArray()) {
    const parsed = caseTypeDef.record.safeParse(t);
    if (parsed.success && parsed.data.isActive) types.set(parsed.data.id, parsed.data);
  }
  const services = ((await recordTable(db, 'serviceDefinition').toArray()) as unknown as ServiceDefinition[])
    .filter((s) => s.isActive && s.channels.includes(interaction.channel) && types.has(s.caseTypeId))
    .map((s) => ({ ...s, caseType: types.get(s.caseTypeId) as CaseType }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const meta = await db.meta.get('sync');
  const myGroupIds = (await recordTable(db, 'groupMember').where('userId').equals(userId).toArray()).map((m) => String(m.groupId));
  return { interaction, isPending, caller, openCases, products, entitlements, contracts, services, lastSyncAt: meta?.lastSyncAt ?? null, myGroupIds };
}

/** The products a service definition is about: all of the caller's when it names none. */
export function productsFor(service: ServiceDefinition | undefined, products: readonly ProductChoice[]): ProductChoice[] {
  if (!service || service.productModelIds.length === 0) return [...products];
  return products.filter((p) => p.productModelId !== null && service.productModelIds.includes(p.productModelId));
}
