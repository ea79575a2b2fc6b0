/** Service contracts, their lines, and entitlements (what a customer may receive). */
import { z } from 'zod';
import { defineEntity, isoDate, opt, ref, text, type RecordOf } from './entity';
import { channelSchema } from './vocab';

export const serviceContractDef = defineEntity('serviceContract', 'service_contracts', {
  number: text(40),
  name: text(200),
  accountId: opt(ref('account')),
  consumerId: opt(ref('consumer')),
  startsOn: isoDate,
  endsOn: isoDate,
  state: z.enum(['draft', 'active', 'expired', 'cancelled']).default('active'),
});
export type ServiceContract = RecordOf<typeof serviceContractDef>;

export const contractLineDef = defineEntity('contractLine', 'contract_lines', {
  contractId: ref('serviceContract', 'cascade'),
  description: text(400),
  productModelId: opt(ref('productModel')),
  soldProductId: opt(ref('soldProduct')),
  installBaseItemId: opt(ref('installBaseItem')),
  quantity: z.number().int().positive().default(1),
});
export type ContractLine = RecordOf<typeof contractLineDef>;

/** Business hours a schedule covers: days 0 (Sunday) – 6, local times HH:MM. */
export const businessHoursSchema = z.strictObject({
  timeZone: z.string().min(1),
  days: z.array(z.number().int().min(0).max(6)).min(1),
  start: z.string().regex(/^\d{2}:\d{2}$/, { message: 'must be HH:MM' }),
  end: z.string().regex(/^\d{2}:\d{2}$/, { message: 'must be HH:MM' }),
});
export type BusinessHours = z.infer<typeof businessHoursSchema>;

export const entitlementDef = defineEntity('entitlement', 'entitlements', {
  name: text(200),
  contractId: opt(ref('serviceContract')),
  accountId: opt(ref('account')),
  consumerId: opt(ref('consumer')),
  productModelId: opt(ref('productModel')),
  soldProductId: opt(ref('soldProduct')),
  installBaseItemId: opt(ref('installBaseItem')),
  assetId: opt(ref('asset')),
  channels: z.array(channelSchema).min(1, { message: 'must list at least one channel' }),
  schedule: opt(businessHoursSchema),
  startsOn: isoDate,
  endsOn: isoDate,
  unit: z.enum(['cases', 'hours', 'unlimited']),
  totalUnits: opt(z.number().nonnegative()),
  remainingUnits: opt(z.number().nonnegative()),
});
export type Entitlement = RecordOf<typeof entitlementDef>;
