/** Customer data: accounts and contacts (B2B), consumers and households (B2C), addresses. */
import { z } from 'zod';
import { defineEntity, isoDate, opt, ref, text, type RecordOf } from './entity';
import { channelSchema, emailSchema, languageSchema, phoneSchema } from './vocab';

export const addressDef = defineEntity('address', 'addresses', {
  label: opt(text(80)),
  line1: text(200),
  line2: opt(text(200)),
  city: text(120),
  region: opt(text(120)),
  postalCode: opt(text(20)),
  country: z.string().regex(/^[A-Z]{2}$/, { message: 'must be an ISO 3166 country code like AU' }),
  latitude: opt(z.number().min(-90).max(90)),
  longitude: opt(z.number().min(-180).max(180)),
});
export type Address = RecordOf<typeof addressDef>;

export const accountDef = defineEntity('account', 'accounts', {
  number: text(40),
  name: text(200),
  kind: z.enum(['customer', 'partner', 'agency', 'supplier']),
  parentAccountId: opt(ref('account')),
  industry: opt(text(80)),
  phone: opt(phoneSchema),
  email: opt(emailSchema),
  website: opt(text(200)),
  addressId: opt(ref('address')),
  primaryContactId: opt(ref('contact', 'setNull')),
});
export type Account = RecordOf<typeof accountDef>;

const personFields = {
  firstName: text(80),
  lastName: text(80),
  email: opt(emailSchema),
  phone: opt(phoneSchema),
  mobile: opt(phoneSchema),
  preferredLanguage: languageSchema.default('en'),
  preferredChannel: channelSchema.default('email'),
};

export const contactDef = defineEntity('contact', 'contacts', {
  ...personFields,
  accountId: ref('account'),
  title: opt(text(120)),
  isPrimary: z.boolean().default(false),
  isActive: z.boolean().default(true),
});
export type Contact = RecordOf<typeof contactDef>;

/** A consumer is a person served directly (B2C); public-sector agencies call them constituents. */
export const consumerDef = defineEntity('consumer', 'consumers', {
  ...personFields,
  constituentNumber: opt(text(40)),
  dateOfBirth: opt(isoDate),
  addressId: opt(ref('address')),
});
export type Consumer = RecordOf<typeof consumerDef>;

export const householdDef = defineEntity('household', 'households', {
  name: text(200),
  addressId: opt(ref('address')),
  primaryConsumerId: opt(ref('consumer', 'setNull')),
});
export type Household = RecordOf<typeof householdDef>;

export const householdMemberDef = defineEntity('householdMember', 'household_members', {
  householdId: ref('household', 'cascade'),
  consumerId: ref('consumer', 'cascade'),
  relationship: z.enum(['head', 'spouse', 'partner', 'child', 'dependent', 'parent', 'carer', 'other']),
  isPrimary: z.boolean().default(false),
});
export type HouseholdMember = RecordOf<typeof householdMemberDef>;
