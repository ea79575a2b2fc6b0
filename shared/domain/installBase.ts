/** Install base changes made on site: a component swapped for a new one takes its place in the tree. */
import type { InstallBaseItem } from './product';

/** The new item that replaces `old`: same place in the tree, site and owner; in service from the day of the swap. */
export function replacementOf(
  old: Record<string, unknown>,
  input: { name: string; serialNumber: string | null; productModelId: string | null; at: string },
): Omit<InstallBaseItem, 'id' | 'orgId' | 'createdAt' | 'updatedAt' | 'rev'> {
  const o = old as Partial<InstallBaseItem>;
  return {
    name: input.name,
    parentId: o.parentId ?? null,
    rootId: o.rootId ?? null,
    soldProductId: o.soldProductId ?? null,
    productModelId: input.productModelId ?? o.productModelId ?? null,
    accountId: o.accountId ?? null,
    consumerId: o.consumerId ?? null,
    householdId: o.householdId ?? null,
    locationId: o.locationId ?? null,
    addressId: o.addressId ?? null,
    serialNumber: input.serialNumber,
    state: 'in_service',
    installedOn: input.at.slice(0, 10),
  };
}
