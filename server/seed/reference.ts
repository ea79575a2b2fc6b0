/**
 * Demo reference data for one organisation: service organisations, locations, staff, groups,
 * skills, customers (consumers, households, accounts, contacts), products, install base trees,
 * contracts and entitlements, case types, SLAs, playbooks and service definitions.
 */
import { roles as allRoles, type Role } from '../../shared/domain/vocab';
import type { SeedRecord } from './bulkInsert';
import type { CaseTypeSpec, OrgSpec } from './catalog';
import { companyKinds, companyWords, firstNames, industries, lastNames, streets, suburbs } from './names';
import { demoPlaybook } from './playbooks';
import type { Random } from './random';

export type Rows = Record<string, SeedRecord[]>;

export type Customer = {
  consumerId: string | null;
  householdId: string | null;
  accountId: string | null;
  contactId: string | null;
  soldProductId: string | null;
  installBaseItemIds: string[];
  entitlementId: string | null;
  contractId: string | null;
  addressId: string;
  locationLabel: string;
};

export type StaffMember = { id: string; username: string; roles: Role[]; groups: string[] };

export type OrgData = {
  spec: OrgSpec;
  orgId: string;
  rows: Rows;
  staff: StaffMember[];
  groupIds: Map<string, string>;
  groupMembers: Map<string, StaffMember[]>;
  caseTypes: { spec: CaseTypeSpec; id: string; serviceIds: string[]; slaId: string }[];
  consumers: Customer[];
  businesses: Customer[];
  locationIds: string[];
  /** ids of users by username. */
  users: Map<string, string>;
};

export type Clock = { anchor: number; iso(offsetMs: number): string };

const day = 86_400_000;

export function buildReference(spec: OrgSpec, r: Random, clock: Clock, scale: { consumers: number; accounts: number }): OrgData {
  const orgId = r.uuid();
  const created = clock.iso(-400 * day);
  const rows: Rows = {};
  const add = (type: string, values: Record<string, unknown>, id = r.uuid()): string => {
    (rows[type] ??= []).push({ id, orgId, createdAt: created, updatedAt: created, ...values });
    return id;
  };
  add('organization', { name: spec.name, kind: spec.kind, timeZone: spec.timeZone, caseNumberPrefix: spec.prefix }, orgId);
  const address = (suburbHint?: string): { id: string; label: string } => {
    const number = r.int(1, 240);
    const street = r.pick(streets);
    const suburb = suburbHint ?? r.pick(suburbs);
    const id = add('address', { label: null, line1: `${number} ${street}`, line2: null, city: suburb, region: 'NSW', postalCode: String(r.int(2000, 2999)), country: 'AU', latitude: -33.8 + r.next() * 0.3, longitude: 151 + r.next() * 0.3 });
    return { id, label: `${number} ${street}, ${suburb}` };
  };

  const serviceOrgIds = new Map(spec.serviceOrgs.map(([key, name, kind]) => [key, add('serviceOrganization', { name, kind, parentId: null, managerId: null })]));
  const locationIds = spec.locations.map(([, name, kind, so]) => add('businessLocation', { name, kind, serviceOrganizationId: serviceOrgIds.get(so) ?? null, addressId: address().id, timeZone: spec.timeZone }));
  for (const key of allRoles) add('role', { key, name: roleNames[key], description: roleDescriptions[key] });
  const skillIds = new Map(spec.skills.map((name) => [name, add('skill', { name, category: /Mandarin|Vietnamese|Arabic|Greek/.test(name) ? 'Language' : 'Expertise', description: null })]));

  const users = new Map<string, string>();
  const staff: StaffMember[] = spec.staff.map((s) => {
    const id = add('user', {
      username: s.username, displayName: s.name, email: `${s.username.replace(/^(riv|hwp)\./, '')}.${s.name.split(' ')[1]?.toLowerCase().replace(/[^a-z]/g, '') ?? 'x'}@${s.isExternal ? 'partner.example' : spec.emailDomain}`,
      phone: `+61 2 9${r.int(100, 999)} ${r.int(1000, 9999)}`, title: s.title, roles: s.roles, serviceOrganizationId: null, businessLocationId: locationIds[0] ?? null,
      isExternal: s.isExternal ?? false, isActive: true, availability: r.pick(['available', 'available', 'away', 'offline']),
    });
    users.set(s.username, id);
    for (const skill of s.skills) add('userSkill', { userId: id, skillId: skillIds.get(skill), level: r.int(2, 5) });
    return { id, username: s.username, roles: s.roles, groups: s.groups };
  });
  const groupIds = new Map<string, string>();
  const groupMembers = new Map<string, StaffMember[]>();
  for (const [key, name, kind, so] of spec.groups) {
    const manager = spec.staff.find((s) => s.manages?.includes(key));
    const id = add('group', { name, kind, description: null, serviceOrganizationId: serviceOrgIds.get(so) ?? null, managerId: manager ? users.get(manager.username) ?? null : null });
    groupIds.set(key, id);
    const members = staff.filter((s) => s.groups.includes(key));
    groupMembers.set(key, members);
    for (const m of members) add('groupMember', { groupId: id, userId: m.id, isManager: spec.staff.find((s) => s.username === m.username)?.manages?.includes(key) ?? false });
  }

  const models = new Map(spec.productModels.map(([key, name, kind, manufacturer]) => [key, add('productModel', { name, kind, manufacturer, modelNumber: key.toUpperCase().replace(/_/g, '-'), description: null })]));
  for (const [key, name] of spec.productModels) add('catalogItem', { name, category: spec.kind === 'agency' ? 'Council services' : 'Supply & metering', productModelId: models.get(key) ?? null, description: null, isActive: true });

  const caseTypes = spec.caseTypes.map((ct) => {
    const id = add('caseType', { key: ct.key, name: ct.name, description: ct.description, model: ct.lifecycle.states.some((s) => s.stage) ? 'public_service' : 'csm', fields: ct.fields, lifecycle: ct.lifecycle, defaultPriority: ct.defaultPriority, resolutionCodes: ct.resolutionCodes, skillIds: ct.skills.map((name) => skillIds.get(name) ?? '').filter(Boolean), isActive: true });
    const slaId = add('slaDefinition', { name: `${ct.name} resolution`, caseTypeId: id, priority: null, target: 'resolution', durationMinutes: ct.defaultPriority <= 2 ? 8 * 60 : 5 * 24 * 60, schedule: null, pauseWhen: ['waiting'], stopWhen: ['resolved', 'closed', 'cancelled'] });
    const playbook = demoPlaybook(ct, new Set(spec.staff.map((m) => m.username)));
    const playbookId = add('playbookDefinition', { key: playbook.key, name: playbook.name, caseTypeId: id, version: 1, condition: playbook.condition, isActive: true, stages: playbook.stages });
    const serviceIds = ct.services.map((name) => add('serviceDefinition', { name, description: null, caseTypeId: id, catalogItemId: null, productModelIds: ct.products.map((p) => models.get(p)).filter(Boolean), channels: ct.channels, playbookDefinitionId: playbookId, defaultGroupId: groupIds.get(ct.group) ?? null, isActive: true }));
    return { spec: ct, id, serviceIds, slaId };
  });

  const residentialModel = spec.kind === 'company' ? models.get('supply_res') : models.get('rebate');
  if (residentialModel) {
    add('entitlement', { name: spec.kind === 'company' ? 'Residential customer support' : 'Constituent services', contractId: null, accountId: null, consumerId: null, productModelId: residentialModel, soldProductId: null, installBaseItemId: null, assetId: null, channels: ['phone', 'email', 'chat', 'portal', 'walk_in'], schedule: { timeZone: spec.timeZone, days: [1, 2, 3, 4, 5], start: '08:00', end: '18:00' }, startsOn: '2026-01-01', endsOn: '2027-12-31', unit: 'unlimited', totalUnits: null, remainingUnits: null });
  }

  const consumers: Customer[] = [];
  let i = 0;
  while (consumers.length < scale.consumers) {
    const home = address();
    const householdSize = r.weighted([[1, 3], [2, 4], [3, 2], [4, 2]] as const);
    const lastName = r.pick(lastNames);
    const householdId = householdSize > 1 ? r.uuid() : null;
    const members: string[] = [];
    for (let m = 0; m < householdSize && consumers.length < scale.consumers; m++) {
      i++;
      const first = r.pick(firstNames);
      const consumerId = add('consumer', {
        firstName: first, lastName, email: r.chance(0.85) ? `${first}.${lastName}${i}@mail.example`.toLowerCase().replace(/'/g, '') : null, phone: `+61 2 ${r.int(8000, 9999)} ${r.int(1000, 9999)}`, mobile: r.chance(0.8) ? `+61 4${r.int(10, 99)} ${r.int(100, 999)} ${r.int(100, 999)}` : null,
        preferredLanguage: r.weighted([['en', 85], ['zh', 5], ['vi', 4], ['ar', 3], ['el', 3]] as const), preferredChannel: r.pick(['email', 'phone', 'portal'] as const),
        constituentNumber: spec.kind === 'agency' ? `RC${String(100000 + i)}` : null, dateOfBirth: `${r.int(1940, 2004)}-0${r.int(1, 9)}-${r.int(10, 28)}`, addressId: home.id,
      });
      members.push(consumerId);
      if (householdId) add('householdMember', { householdId, consumerId, relationship: m === 0 ? 'head' : r.pick(['spouse', 'partner', 'child', 'dependent', 'parent'] as const), isPrimary: m === 0 });
      consumers.push(customerAssets(spec, r, add, models, { consumerId, householdId, accountId: null, contactId: null, addressId: home.id, locationLabel: home.label }, m === 0, clock));
    }
    if (householdId) add('household', { name: `${lastName} household`, addressId: home.id, primaryConsumerId: members[0] ?? null }, householdId);
  }

  if (spec.kind === 'agency') cityInfrastructure(r, add, models, locationIds[1] ?? null, clock);

  const businesses: Customer[] = [];
  for (let a = 0; a < scale.accounts; a++) {
    const site = address();
    const name = `${r.pick(companyWords)} ${r.pick(companyKinds)}`;
    const accountId = add('account', { number: `ACC${String(10000 + a)}`, name, kind: 'customer', parentAccountId: null, industry: r.pick(industries), phone: `+61 2 ${r.int(8000, 9999)} ${r.int(1000, 9999)}`, email: `info@${slug(name).replace(/_/g, '')}${a}.example`, website: null, addressId: site.id, primaryContactId: null });
    const contactIds: string[] = [];
    for (let c = 0; c < r.int(1, 3); c++) {
      const first = r.pick(firstNames);
      const last = r.pick(lastNames);
      contactIds.push(add('contact', { firstName: first, lastName: last, email: `${first}.${last}@${slug(name).replace(/_/g, '')}${a}.example`.toLowerCase().replace(/'/g, ''), phone: `+61 2 ${r.int(8000, 9999)} ${r.int(1000, 9999)}`, mobile: null, preferredLanguage: 'en', preferredChannel: 'email', accountId, title: c === 0 ? 'Owner' : r.pick(['Office Manager', 'Facilities Manager', 'Accounts Payable']), isPrimary: c === 0, isActive: true }));
    }
    const account = rows.account?.at(-1);
    if (account) account.primaryContactId = contactIds[0] ?? null;
    let contractId: string | null = null;
    let entitlementId: string | null = null;
    if (spec.kind === 'company' || r.chance(0.3)) {
      contractId = add('serviceContract', { number: `SC${String(5000 + a)}`, name: `${name} service agreement`, accountId, consumerId: null, startsOn: '2026-01-01', endsOn: '2027-12-31', state: 'active' });
      add('contractLine', { contractId, description: spec.kind === 'company' ? 'Business supply and priority fault response' : 'Priority permit assessment', productModelId: spec.kind === 'company' ? models.get('supply_bus') ?? null : models.get('permit_com') ?? null, soldProductId: null, installBaseItemId: null, quantity: 1 });
      const total = r.pick([12, 24, 48]);
      entitlementId = add('entitlement', { name: `${name}: priority support`, contractId, accountId, consumerId: null, productModelId: null, soldProductId: null, installBaseItemId: null, assetId: null, channels: ['phone', 'email', 'portal'], schedule: { timeZone: spec.timeZone, days: [1, 2, 3, 4, 5], start: '07:00', end: '19:00' }, startsOn: '2026-01-01', endsOn: '2027-12-31', unit: 'cases', totalUnits: total, remainingUnits: r.int(0, total) });
    }
    const customer = customerAssets(spec, r, add, models, { consumerId: null, householdId: null, accountId, contactId: contactIds[0] ?? null, addressId: site.id, locationLabel: site.label }, true, clock);
    businesses.push({ ...customer, contractId, entitlementId: entitlementId ?? customer.entitlementId });
  }

  return { spec, orgId, rows, staff, groupIds, groupMembers, caseTypes, consumers, businesses, locationIds, users };
}

type Add = (type: string, values: Record<string, unknown>, id?: string) => string;

/** A customer's sold products and install base tree: a service point with meters, or a pump station. */
function customerAssets(spec: OrgSpec, r: Random, add: Add, models: Map<string, string>, base: Omit<Customer, 'soldProductId' | 'installBaseItemIds' | 'entitlementId' | 'contractId'>, isPrimary: boolean, clock: Clock): Customer {
  const owner = { accountId: base.accountId, consumerId: base.consumerId, householdId: base.householdId };
  const empty: Customer = { ...base, soldProductId: null, installBaseItemIds: [], entitlementId: null, contractId: null };
  if (!isPrimary) return empty;
  if (spec.kind === 'agency') {
    // A granted benefit is the constituent's "sold product" in the public sector.
    const rebate = models.get('rebate');
    if (!rebate || !base.consumerId || !r.chance(0.3)) return empty;
    const soldProductId = add('soldProduct', { name: 'Pensioner rates rebate', productModelId: rebate, parentSoldProductId: null, ...owner, serialNumber: null, purchasedOn: clock.iso(-r.int(30, 900) * day).slice(0, 10), status: 'active' });
    return { ...empty, soldProductId };
  }
  const supply = models.get(base.accountId ? 'supply_bus' : 'supply_res');
  if (!supply) return empty;
  const installedOn = clock.iso(-r.int(100, 3000) * day).slice(0, 10);
  const soldProductId = add('soldProduct', { name: base.accountId ? 'Business supply' : 'Residential supply', productModelId: supply, parentSoldProductId: null, ...owner, serialNumber: null, purchasedOn: installedOn, status: 'active' });
  const item = (name: string, model: string, parentId: string | null, rootId: string | null, serial: string | null): string =>
    add('installBaseItem', { name, parentId, rootId, soldProductId, productModelId: models.get(model) ?? null, ...owner, locationId: null, addressId: base.addressId, serialNumber: serial, state: r.weighted([['in_service', 90], ['faulty', 6], ['under_repair', 4]] as const), installedOn });
  const root = item(`Service point, ${base.locationLabel}`, 'service_point', null, null, null);
  const ids = [root];
  const meter = item('SM-200 smart meter', 'smart_meter', root, root, `NSM-${r.int(100000, 999999)}`);
  ids.push(meter, item('LTE-M comms module', 'comms_module', meter, root, `CM-${r.int(100000, 999999)}`), item('WM-25 water meter', 'water_meter', root, root, `AQ-${r.int(100000, 999999)}`));
  if (base.accountId && r.chance(0.4)) {
    const serial = `IBP-${r.int(1000, 9999)}`;
    const pump = item('P-40 booster pump', 'pump', root, root, serial);
    ids.push(pump, item('15 kW pump motor', 'motor', pump, root, `IBM-${r.int(1000, 9999)}`));
    const pumpModel = models.get('pump');
    if (pumpModel) add('asset', { name: 'P-40 booster pump', assetTag: `AST-${serial}`, productModelId: pumpModel, installBaseItemId: pump, serialNumber: serial, state: 'in_use' });
  }
  return { ...base, soldProductId, installBaseItemIds: ids, entitlementId: null, contractId: null };
}

/** The city's install base: road segments per suburb, each with its street lights (also assets). */
function cityInfrastructure(r: Random, add: Add, models: Map<string, string>, depotId: string | null, clock: Clock): void {
  const road = models.get('road');
  const light = models.get('light');
  if (!road || !light) return;
  for (const suburb of suburbs) {
    const street = r.pick(streets);
    const installedOn = clock.iso(-r.int(400, 6000) * day).slice(0, 10);
    const common = { soldProductId: null, accountId: null, consumerId: null, householdId: null, locationId: depotId, addressId: null, installedOn };
    const segment = add('installBaseItem', { ...common, name: `${street}, ${suburb} (segment ${r.int(1, 9)})`, parentId: null, rootId: null, productModelId: road, serialNumber: null, state: 'in_service' });
    for (let n = 1; n <= 3; n++) {
      const serial = `SL-${r.int(10000, 99999)}`;
      const item = add('installBaseItem', { ...common, name: `Street light ${n}`, parentId: segment, rootId: segment, productModelId: light, serialNumber: serial, state: r.weighted([['in_service', 85], ['faulty', 15]] as const) });
      add('asset', { name: `LED street light ${serial}`, assetTag: `RIV-${serial}`, productModelId: light, installBaseItemId: item, serialNumber: serial, state: 'in_use' });
    }
  }
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 59) || 'x';
}

const roleNames: Record<Role, string> = { agent: 'Agent', supervisor: 'Supervisor', field_technician: 'Field technician', business_stakeholder: 'Business stakeholder', contributor: 'Contributor', administrator: 'Administrator' };
const roleDescriptions: Record<Role, string> = {
  agent: "Works cases of their groups' queues: intake, updates, resolution.",
  supervisor: "Sees the organisation's cases and rebalances their teams' work.",
  field_technician: 'Works the tasks and work orders assigned to them, often offline.',
  business_stakeholder: 'Creates, views and approves cases and requests.',
  contributor: 'Helps on the cases they were added to, and sees only those.',
  administrator: 'Configures the organisation, its users, case types and playbooks.',
};
