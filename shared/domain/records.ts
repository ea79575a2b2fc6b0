/** The registry of every record type: one place that lists them, in an order that respects references. */
import { approvalDef } from './approval';
import { attachmentDef } from './attachment';
import { caseDef } from './case';
import { caseTypeDef, serviceDefinitionDef } from './caseType';
import { contributorDef, relatedPartyDef } from './collaboration';
import { contractLineDef, entitlementDef, serviceContractDef } from './contract';
import { accountDef, addressDef, consumerDef, contactDef, householdDef, householdMemberDef } from './customer';
import type { ZodType } from 'zod';
import type { EntityDef, RecordOf } from './entity';
import { fieldHistoryDef } from './fieldHistory';
import { interactionDef } from './interaction';
import { journalEntryDef } from './journal';
import { businessLocationDef, groupDef, groupMemberDef, organizationDef, roleDef, serviceOrganizationDef, skillDef, userDef, userSkillDef } from './organisation';
import { playbookDefinitionDef } from './playbook';
import { playbookStepDef } from './playbookStep';
import { assetDef, catalogItemDef, installBaseItemDef, productModelDef, soldProductDef } from './product';
import { caseSlaDef, slaDefinitionDef } from './sla';
import { taskDef } from './task';

export const entityDefs = {
  organization: organizationDef,
  address: addressDef,
  serviceOrganization: serviceOrganizationDef,
  businessLocation: businessLocationDef,
  role: roleDef,
  skill: skillDef,
  user: userDef,
  group: groupDef,
  groupMember: groupMemberDef,
  userSkill: userSkillDef,
  account: accountDef,
  contact: contactDef,
  consumer: consumerDef,
  household: householdDef,
  householdMember: householdMemberDef,
  productModel: productModelDef,
  catalogItem: catalogItemDef,
  soldProduct: soldProductDef,
  installBaseItem: installBaseItemDef,
  asset: assetDef,
  serviceContract: serviceContractDef,
  contractLine: contractLineDef,
  entitlement: entitlementDef,
  caseType: caseTypeDef,
  slaDefinition: slaDefinitionDef,
  playbookDefinition: playbookDefinitionDef,
  serviceDefinition: serviceDefinitionDef,
  interaction: interactionDef,
  case: caseDef,
  task: taskDef,
  caseSla: caseSlaDef,
  relatedParty: relatedPartyDef,
  contributor: contributorDef,
  approval: approvalDef,
  playbookStep: playbookStepDef,
  journalEntry: journalEntryDef,
  fieldHistory: fieldHistoryDef,
  attachment: attachmentDef,
} as const;

export type EntityDefs = typeof entityDefs;
export type RecordType = keyof EntityDefs;
export type AnyEntityDef = EntityDef<string, Record<string, ZodType>>;
export type RecordTypeMap = { [T in RecordType]: RecordOf<EntityDefs[T]> };
export type AnyRecord = RecordTypeMap[RecordType];

export const recordTypes = Object.keys(entityDefs) as RecordType[];

export function isRecordType(value: string): value is RecordType {
  return Object.hasOwn(entityDefs, value);
}

export function entityDef(type: RecordType): AnyEntityDef {
  return entityDefs[type];
}
