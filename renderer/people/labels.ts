/** The message key that names each value of the records' small vocabularies in the 360 view. */
import type { ServiceContract } from '../../shared/domain/contract';
import type { Account, HouseholdMember } from '../../shared/domain/customer';
import type { Interaction } from '../../shared/domain/interaction';
import type { InstallBaseItem, SoldProduct } from '../../shared/domain/product';
import type { Channel } from '../../shared/domain/vocab';
import type { ContractStatus, EntitlementStatus } from './entitlementStatus';
import type { PeopleMessages } from './messages';

type Key = keyof PeopleMessages;

export const channelKey = { phone: 'channelPhone', email: 'channelEmail', chat: 'channelChat', walk_in: 'channelWalkIn', portal: 'channelPortal' } as const satisfies Record<Channel, Key>;

export const relationshipKey = {
  head: 'relationshipHead', spouse: 'relationshipSpouse', partner: 'relationshipPartner', child: 'relationshipChild',
  dependent: 'relationshipDependent', parent: 'relationshipParent', carer: 'relationshipCarer', other: 'relationshipOther',
} as const satisfies Record<HouseholdMember['relationship'], Key>;

export const accountKindKey = { customer: 'accountKindCustomer', partner: 'accountKindPartner', agency: 'accountKindAgency', supplier: 'accountKindSupplier' } as const satisfies Record<Account['kind'], Key>;

export const installBaseStateKey = {
  installed: 'ibStateInstalled', in_service: 'ibStateInService', faulty: 'ibStateFaulty', under_repair: 'ibStateUnderRepair', replaced: 'ibStateReplaced', retired: 'ibStateRetired',
} as const satisfies Record<InstallBaseItem['state'], Key>;

export const productStatusKey = { active: 'productActive', suspended: 'productSuspended', retired: 'productRetired' } as const satisfies Record<SoldProduct['status'], Key>;

export const contractStatusKey = {
  draft: 'contractDraft', active: 'contractActive', expired: 'contractExpired', cancelled: 'contractCancelled', upcoming: 'contractUpcoming',
} as const satisfies Record<ContractStatus | ServiceContract['state'], Key>;

export const entitlementStatusKey = { active: 'entitlementActive', upcoming: 'entitlementUpcoming', exhausted: 'entitlementExhausted', expired: 'entitlementExpired' } as const satisfies Record<EntitlementStatus, Key>;

export const directionKey = { inbound: 'inbound', outbound: 'outbound' } as const satisfies Record<Interaction['direction'], Key>;

export const interactionStateKey = { new: 'interactionNew', work_in_progress: 'interactionWorkInProgress', wrap_up: 'interactionWrapUp', closed: 'interactionClosed' } as const satisfies Record<Interaction['state'], Key>;

/** A value of a vocabulary the view knows, or undefined for one it does not (a newer store's). */
export function keyOf<V extends string, K extends Key>(map: Record<V, K>, value: string): K | undefined {
  const isKnown = (v: string): v is V => Object.hasOwn(map, v);
  return isKnown(value) ? map[value] : undefined;
}
