/**
 * Demo cases over every state of each case type's life cycle, with their interactions, comments,
 * work notes, field history, tasks / work orders, SLA clocks, contributors, related parties and
 * approvals, all consistent with the state (a closed case has a resolution and completed tasks).
 */
import { stateOf, type LifecycleState } from '../../shared/domain/caseLifecycle';
import type { SeedRecord } from './bulkInsert';
import type { Clock, Customer, OrgData, Rows } from './reference';
import { streets, suburbs } from './names';
import type { Random } from './random';

const day = 86_400_000;
const hour = 3_600_000;

const categoryWeights = { new: 10, active: 24, waiting: 8, resolved: 8, closed: 44, cancelled: 6 } as const;

export type Counters = { case: number; task: number; workOrder: number; interaction: number };

function fill(template: string, r: Random, customer: Customer): string {
  return template
    .replace('{street}', r.pick(streets))
    .replace('{suburb}', r.pick(suburbs))
    .replace('{number}', String(r.int(1, 240)))
    .replace('{permit}', r.pick(['a new dwelling', 'a rear extension', 'a swimming pool', 'a carport', 'a shop fit-out']))
    .replace('{customer}', customer.locationLabel);
}

function pickState(r: Random, states: readonly LifecycleState[]): LifecycleState {
  const weighted = states.map((s) => [s, categoryWeights[s.category] / states.filter((o) => o.category === s.category).length] as const);
  return r.weighted(weighted);
}

/** Appends `count` cases of one organisation to `rows`. */
export function generateCases(org: OrgData, r: Random, clock: Clock, count: number, counters: Counters, rows: Rows): void {
  const add = (type: string, values: Record<string, unknown>, at: string, id = r.uuid()): string => {
    (rows[type] ??= []).push({ id, orgId: org.orgId, createdAt: at, updatedAt: at, ...values } satisfies SeedRecord);
    return id;
  };
  const iso = (ms: number): string => new Date(ms).toISOString();
  const agents = org.staff.filter((s) => s.roles.includes('agent'));
  const partner = org.staff.find((s) => s.roles.includes('contributor'));
  const stakeholders = org.staff.filter((s) => s.roles.includes('business_stakeholder'));
  const fieldGroups = [...org.groupMembers].filter(([, members]) => members.some((m) => m.roles.includes('field_technician')));

  for (let n = 0; n < count; n++) {
    const ct = r.weighted(org.caseTypes.map((c) => [c, c.spec.weight] as const));
    const lc = ct.spec.lifecycle;
    const state = pickState(r, lc.states);
    const isOpen = state.category === 'new' || state.category === 'active' || state.category === 'waiting';
    const ageDays = isOpen ? r.next() * r.next() * 40 : 5 + r.next() * 360;
    const openedMs = clock.anchor - ageDays * day - r.int(0, 10) * hour;
    const isBusiness = r.chance(org.spec.businessShare) && org.businesses.length > 0;
    const customer = isBusiness ? r.pick(org.businesses) : r.pick(org.consumers);
    const group = org.groupMembers.get(ct.spec.group) ?? [];
    const groupAgents = group.filter((m) => m.roles.includes('agent'));
    const assignee = state.category === 'new' ? (r.chance(0.3) ? r.pick(groupAgents) : null) : r.chance(0.95) && groupAgents.length ? r.pick(groupAgents) : null;
    const opener = r.pick(agents);
    const channel = r.pick(ct.spec.channels);
    const priority = r.weighted([[1, 4], [2, 16], [3, 55], [4, 25]] as const);
    const resolvedMs = state.category === 'resolved' || state.category === 'closed' ? openedMs + (0.1 + r.next() * Math.min(ageDays - 0.05, 20)) * day : null;
    const closedMs = state.category === 'closed' ? Math.min((resolvedMs ?? openedMs) + r.int(1, 5) * day, clock.anchor - hour) : state.category === 'cancelled' ? openedMs + r.next() * 3 * day : null;
    const lastMs = closedMs ?? resolvedMs ?? clock.anchor - r.int(1, 48) * hour;
    const between = (): number => openedMs + r.next() * Math.max(lastMs - openedMs, hour);
    counters.case++;
    const caseId = r.uuid();
    const number = `${org.spec.prefix}${String(counters.case).padStart(7, '0')}`;
    let interactionId: string | null = null;
    if (r.chance(0.6)) {
      counters.interaction++;
      interactionId = add('interaction', {
        number: `IMS${String(counters.interaction).padStart(7, '0')}`, channel, direction: 'inbound', state: 'closed', startedAt: iso(openedMs - 10 * 60_000), endedAt: iso(openedMs), fromAddress: channel === 'email' ? 'customer@mail.example' : '+61 2 9000 0000',
        subject: null, consumerId: customer.consumerId, contactId: customer.contactId, accountId: customer.accountId, agentId: opener.id, caseId, notes: null,
      }, iso(openedMs));
    }
    const hasProduct = ct.spec.products.length > 0 && customer.soldProductId !== null;
    const resolutionCode = state.category === 'resolved' || state.category === 'closed' || (state.category === 'cancelled' && r.chance(0.5)) ? r.pick(ct.spec.resolutionCodes) : null;
    const shortDescription = fill(r.pick(ct.spec.subjects), r, customer);
    add('case', {
      number, caseTypeId: ct.id, serviceDefinitionId: r.pick(ct.serviceIds), shortDescription, description: `${shortDescription}. Reported by ${channel === 'walk_in' ? 'walk-in' : channel}.`,
      state: state.key, priority, channel, accountId: customer.accountId, contactId: customer.contactId, consumerId: customer.consumerId, householdId: customer.householdId,
      soldProductId: hasProduct ? customer.soldProductId : null, installBaseItemId: hasProduct && customer.installBaseItemIds.length ? r.pick(customer.installBaseItemIds) : null, assetId: null,
      contractId: customer.contractId, entitlementId: customer.entitlementId, locationId: null,
      assignmentGroupId: org.groupIds.get(ct.spec.group) ?? null, assignedToId: assignee?.id ?? null, openedById: opener.id, openedAt: iso(openedMs), interactionId,
      parentCaseId: null, duplicateOfId: null, resolutionCode, resolutionNotes: resolutionCode ? `${resolutionCode}. ${r.pick(ct.spec.comments)}` : null,
      resolvedAt: resolvedMs ? iso(resolvedMs) : closedMs ? iso(closedMs) : null, closedAt: closedMs ? iso(closedMs) : null, customFields: ct.spec.customFields(r),
    }, iso(openedMs), caseId);
    const rowsOfCase = rows.case;
    const caseRow = rowsOfCase?.[rowsOfCase.length - 1];
    if (caseRow) caseRow.updatedAt = iso(lastMs);

    const author = (): string => (assignee ?? opener).id;
    for (let c = r.int(0, 3); c > 0; c--) {
      const at = iso(between());
      add('journalEntry', { caseId, taskId: null, kind: 'comment', body: r.pick(ct.spec.comments), authorId: author(), deviceTime: r.chance(0.1) ? at : null, source: r.chance(0.15) ? 'portal' : 'agent' }, at);
    }
    for (let w = r.int(0, 2); w > 0; w--) {
      const at = iso(between());
      add('journalEntry', { caseId, taskId: null, kind: 'work_note', body: r.pick(ct.spec.workNotes), authorId: author(), deviceTime: null, source: 'agent' }, at);
    }
    const history = (field: string, oldValue: unknown, newValue: unknown, atMs: number): void => {
      add('fieldHistory', { recordType: 'case', recordId: caseId, caseId, field, oldValue, newValue, changedById: author(), deviceTime: null, deviceId: null, source: 'seed', outcome: 'applied' }, iso(atMs));
    };
    if (assignee) history('assignedToId', null, assignee.id, openedMs + r.int(5, 90) * 60_000);
    if (state.key !== lc.initial) {
      const path = lc.states.filter((s) => s.category === 'active' || s.category === 'waiting').slice(0, r.int(1, 3));
      let previous = lc.initial;
      for (const step of path) {
        if (step.key === state.key) break;
        history('state', previous, step.key, between());
        previous = step.key;
      }
      history('state', previous, state.key, closedMs ?? resolvedMs ?? between());
    }
    if (r.chance(0.05)) history('priority', Math.min(priority + 1, 4), priority, between());

    if (r.chance(ct.spec.taskShare) && state.category !== 'new') {
      const fieldGroup = fieldGroups.find(([key]) => (ct.spec.taskKind === 'inspection' ? key === 'inspect' : key !== 'inspect')) ?? fieldGroups[0];
      const techs = fieldGroup?.[1].filter((m) => m.roles.includes('field_technician')) ?? [];
      const isWorkOrder = ct.spec.taskKind === 'work_order';
      const seq = isWorkOrder ? ++counters.workOrder : ++counters.task;
      const done = !isOpen;
      const scheduledMs = isOpen ? clock.anchor + r.int(-1, 6) * day + r.int(7, 15) * hour : openedMs + r.int(1, 4) * day;
      const completedMs = done && state.category !== 'cancelled' ? scheduledMs + r.int(30, 180) * 60_000 : null;
      add('task', {
        number: `${isWorkOrder ? 'WO' : 'TSK'}${String(seq).padStart(7, '0')}`, caseId, kind: ct.spec.taskKind, shortDescription: `${ct.spec.taskKind === 'inspection' ? 'Inspect' : 'Attend'}: ${shortDescription}`, description: null,
        state: done ? (state.category === 'cancelled' ? 'cancelled' : 'completed') : r.pick(['open', 'open', 'in_progress']), priority,
        assignmentGroupId: fieldGroup ? org.groupIds.get(fieldGroup[0]) ?? null : null, assignedToId: techs.length ? r.pick(techs).id : null,
        scheduledStart: iso(scheduledMs), scheduledEnd: iso(scheduledMs + 2 * hour), locationId: null, addressId: customer.addressId, installBaseItemId: customer.installBaseItemIds[1] ?? null,
        startedAt: done ? iso(scheduledMs) : null, completedAt: completedMs ? iso(completedMs) : null, timeSpentMinutes: completedMs ? Math.round((completedMs - scheduledMs) / 60_000) : 0,
        partsUsed: done && isWorkOrder && r.chance(0.5) ? [{ partNumber: 'CM-LTE-02', name: 'LTE-M comms module', quantity: 1 }] : [], signOff: null,
        workLog: completedMs ? [{ startedAt: iso(scheduledMs), endedAt: iso(completedMs) }] : [],
      }, iso(openedMs + hour));
    }

    const slaMinutes = priority <= 2 ? 8 * 60 : 5 * 24 * 60;
    const dueMs = openedMs + slaMinutes * 60_000;
    const stopMs = resolvedMs ?? closedMs;
    add('caseSla', {
      caseId, slaDefinitionId: ct.slaId, state: state.category === 'cancelled' ? 'cancelled' : stopMs ? 'completed' : state.category === 'waiting' ? 'paused' : 'in_progress',
      hasBreached: (stopMs ?? clock.anchor) > dueMs, startedAt: iso(openedMs), dueAt: iso(dueMs), pausedAt: state.category === 'waiting' ? iso(lastMs) : null, pausedMinutes: 0, stoppedAt: stopMs ? iso(stopMs) : null,
    }, iso(openedMs));

    if (partner && (r.chance(0.02) || n < 3)) add('contributor', { caseId, userId: partner.id, addedById: author(), reason: 'Contractor attending the site' }, iso(openedMs + hour));
    if (customer.householdId && r.chance(0.05)) {
      add('relatedParty', { subjectType: 'case', subjectId: caseId, caseId, partyType: 'consumer', partyId: customer.consumerId, relationshipType: 'authorized_consumer', accessLevel: 'authorized', responsibility: 'authorized_representative', notes: 'Household member calling on behalf' }, iso(openedMs));
    }
    const stakeholder = stakeholders.length ? r.pick(stakeholders) : null;
    if (stakeholder && ct.spec.key === 'building_permit' && stateOf(lc, state.key)?.stage !== 'intake') {
      const decided = !isOpen;
      add('approval', { caseId, taskId: null, activityKey: 'approval', approverId: stakeholder.id, approverRole: null, state: decided ? 'approved' : 'requested', requestedById: author(), requestedAt: iso(openedMs + day), decidedAt: decided ? iso(openedMs + 3 * day) : null, decidedById: decided ? stakeholder.id : null, comment: decided ? 'Meets the planning controls.' : null }, iso(openedMs + day));
    }
  }
}
