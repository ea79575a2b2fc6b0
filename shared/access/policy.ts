/**
 * Who may read and write what. Reading is scoped by rows (a case is visible to its group, its
 * assignee, its contributors, …) and computed by the store; this file says which scope applies to
 * each record type and which roles may create, update and delete it. The store enforces it on every
 * route, and the sync pull (later) uses the same scopes.
 */
import type { RecordType } from '../domain/records';
import type { Role } from '../domain/vocab';

/**
 * - config: organisation set-up everyone in the organisation needs (case types, roles, …).
 * - reference: people, products and contracts; all internal staff (not contributors).
 * - case: visible by the case-visibility rule for the user's roles.
 * - caseChild: visible when its case is (rows without a case fall back to reference).
 * - task: visible when its case is, or when assigned to the user or the user's groups.
 */
export type ReadScope = 'config' | 'reference' | 'case' | 'caseChild' | 'task';

export type RecordPolicy = {
  scope: ReadScope;
  create: readonly Role[];
  update: readonly Role[];
  delete: readonly Role[];
};

const admin = ['administrator'] as const satisfies readonly Role[];
const staffEditors = ['administrator', 'supervisor', 'agent'] as const satisfies readonly Role[];
const caseWorkers = ['administrator', 'supervisor', 'agent', 'field_technician', 'business_stakeholder', 'contributor'] as const satisfies readonly Role[];
const nobody = [] as const satisfies readonly Role[];

export const recordPolicies: { [T in RecordType]: RecordPolicy } = {
  organization: { scope: 'config', create: nobody, update: admin, delete: nobody },
  address: { scope: 'reference', create: staffEditors, update: staffEditors, delete: admin },
  serviceOrganization: { scope: 'reference', create: admin, update: admin, delete: admin },
  businessLocation: { scope: 'reference', create: admin, update: admin, delete: admin },
  role: { scope: 'config', create: admin, update: admin, delete: admin },
  skill: { scope: 'config', create: admin, update: admin, delete: admin },
  user: { scope: 'reference', create: admin, update: admin, delete: admin },
  group: { scope: 'reference', create: admin, update: admin, delete: admin },
  groupMember: { scope: 'reference', create: ['administrator', 'supervisor'], update: ['administrator', 'supervisor'], delete: ['administrator', 'supervisor'] },
  userSkill: { scope: 'reference', create: ['administrator', 'supervisor'], update: ['administrator', 'supervisor'], delete: ['administrator', 'supervisor'] },
  account: { scope: 'reference', create: staffEditors, update: staffEditors, delete: admin },
  contact: { scope: 'reference', create: staffEditors, update: staffEditors, delete: admin },
  consumer: { scope: 'reference', create: staffEditors, update: staffEditors, delete: admin },
  household: { scope: 'reference', create: staffEditors, update: staffEditors, delete: admin },
  householdMember: { scope: 'reference', create: staffEditors, update: staffEditors, delete: staffEditors },
  productModel: { scope: 'reference', create: admin, update: admin, delete: admin },
  catalogItem: { scope: 'reference', create: admin, update: admin, delete: admin },
  soldProduct: { scope: 'reference', create: ['administrator', 'supervisor'], update: ['administrator', 'supervisor'], delete: admin },
  installBaseItem: { scope: 'reference', create: ['administrator', 'supervisor', 'field_technician'], update: ['administrator', 'supervisor', 'field_technician'], delete: admin },
  asset: { scope: 'reference', create: ['administrator', 'field_technician'], update: ['administrator', 'field_technician'], delete: admin },
  serviceContract: { scope: 'reference', create: admin, update: admin, delete: admin },
  contractLine: { scope: 'reference', create: admin, update: admin, delete: admin },
  entitlement: { scope: 'reference', create: admin, update: admin, delete: admin },
  caseType: { scope: 'config', create: admin, update: admin, delete: admin },
  slaDefinition: { scope: 'config', create: admin, update: admin, delete: admin },
  playbookDefinition: { scope: 'config', create: admin, update: admin, delete: admin },
  serviceDefinition: { scope: 'config', create: admin, update: admin, delete: admin },
  interaction: { scope: 'reference', create: staffEditors, update: staffEditors, delete: admin },
  case: { scope: 'case', create: ['administrator', 'supervisor', 'agent', 'business_stakeholder'], update: ['administrator', 'supervisor', 'agent'], delete: admin },
  task: { scope: 'task', create: ['administrator', 'supervisor', 'agent'], update: ['administrator', 'supervisor', 'agent', 'field_technician'], delete: admin },
  // SLA clocks and field history are written by the store itself, never through the record API.
  caseSla: { scope: 'caseChild', create: nobody, update: nobody, delete: nobody },
  fieldHistory: { scope: 'caseChild', create: nobody, update: nobody, delete: nobody },
  relatedParty: { scope: 'caseChild', create: staffEditors, update: staffEditors, delete: staffEditors },
  contributor: { scope: 'caseChild', create: staffEditors, update: staffEditors, delete: staffEditors },
  approval: { scope: 'caseChild', create: ['administrator', 'supervisor', 'agent'], update: ['administrator', 'supervisor', 'business_stakeholder'], delete: admin },
  // Playbook steps are written only by the playbook mutations (server/services/playbookRules.ts).
  playbookStep: { scope: 'caseChild', create: nobody, update: nobody, delete: nobody },
  // Comments and work notes are appended, never edited; only an administrator removes one.
  journalEntry: { scope: 'caseChild', create: caseWorkers, update: nobody, delete: admin },
  attachment: { scope: 'caseChild', create: caseWorkers, update: ['administrator', 'supervisor', 'agent'], delete: ['administrator', 'supervisor', 'agent'] },
};

export type WriteOp = 'create' | 'update' | 'delete';

export function mayWrite(roles: readonly Role[], type: RecordType, op: WriteOp): boolean {
  const allowed = recordPolicies[type][op];
  return roles.some((r) => allowed.includes(r));
}

/** Contributors see only the cases they were added to, and the set-up those cases need. */
export function mayReadScope(roles: readonly Role[], scope: ReadScope): boolean {
  if (scope === 'config' || scope === 'case' || scope === 'caseChild' || scope === 'task') return true;
  return roles.some((r) => r !== 'contributor');
}

/** Roles that work a case's playbook (complete, skip, request approvals, create its tasks); others follow it. */
export const playbookWorkerRoles: readonly Role[] = ['administrator', 'supervisor', 'agent', 'field_technician'];

/** Roles that see every case of their organisation. */
export const orgWideCaseRoles: readonly Role[] = ['administrator', 'supervisor', 'business_stakeholder'];
