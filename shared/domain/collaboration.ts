/** Customer access management (related parties) and contributor users on cases. */
import { z } from 'zod';
import { defineEntity, idSchema, opt, ref, text, type RecordOf } from './entity';

/**
 * Relationship types with the access they carry (CAM). Authorized parties act as an authorized
 * representative (comment, attach, accept or reject the solution, close, be notified); listed
 * parties are recorded and have no access.
 */
export const relationshipTypes = {
  authorized_contact: 'authorized',
  authorized_consumer: 'authorized',
  authorized_contributor: 'authorized',
  authorized_account: 'authorized',
  listed_contact: 'listed',
  listed_consumer: 'listed',
  listed_account: 'listed',
  member: 'listed',
  service_organization: 'authorized',
} as const;
export type RelationshipType = keyof typeof relationshipTypes;
export const relationshipTypeSchema = z.enum(Object.keys(relationshipTypes) as [RelationshipType, ...RelationshipType[]]);

export const relatedPartyDef = defineEntity('relatedParty', 'related_parties', {
  subjectType: z.enum(['case', 'soldProduct', 'installBaseItem']),
  /** The case, sold product or install base item (polymorphic, so not a foreign key). */
  subjectId: idSchema,
  /** Set when the subject is a case, so the party leaves with the case. */
  caseId: opt(ref('case', 'cascade')),
  partyType: z.enum(['contact', 'consumer', 'account', 'user', 'serviceOrganization']),
  partyId: idSchema,
  relationshipType: relationshipTypeSchema,
  accessLevel: z.enum(['authorized', 'listed']),
  responsibility: opt(z.enum(['authorized_representative', 'account_manager', 'preferred_technician', 'primary_support_agent', 'support_manager'])),
  notes: opt(text(1000)),
});
export type RelatedParty = RecordOf<typeof relatedPartyDef>;

/** The access level a relationship type must carry. */
export function accessLevelFor(type: RelationshipType): 'authorized' | 'listed' {
  return relationshipTypes[type];
}

/** A user (internal or external) added to one case to help resolve it; sees only such cases. */
export const contributorDef = defineEntity('contributor', 'contributors', {
  caseId: ref('case', 'cascade'),
  userId: ref('user', 'cascade'),
  addedById: ref('user'),
  reason: opt(text(400)),
});
export type Contributor = RecordOf<typeof contributorDef>;
