/** The organisation (tenant), its service organisations, locations, staff, teams, roles and skills. */
import { z } from 'zod';
import { defineEntity, opt, ref, text, type RecordOf } from './entity';
import { emailSchema, phoneSchema, roleSchema, timeZoneSchema } from './vocab';

/** An agency or company; every other record belongs to exactly one. */
export const organizationDef = defineEntity('organization', 'organizations', {
  name: text(200),
  kind: z.enum(['agency', 'company']),
  timeZone: timeZoneSchema,
  caseNumberPrefix: z.string().regex(/^[A-Z]{2,4}$/, { message: 'must be 2-4 capital letters' }),
});
export type Organization = RecordOf<typeof organizationDef>;

export const serviceOrganizationDef = defineEntity('serviceOrganization', 'service_organizations', {
  name: text(200),
  kind: z.enum(['department', 'branch', 'call_center', 'field_service', 'partner', 'back_office']),
  parentId: opt(ref('serviceOrganization')),
  managerId: opt(ref('user', 'setNull')),
});
export type ServiceOrganization = RecordOf<typeof serviceOrganizationDef>;

export const businessLocationDef = defineEntity('businessLocation', 'business_locations', {
  name: text(200),
  kind: z.enum(['office', 'depot', 'service_center', 'site', 'warehouse']),
  serviceOrganizationId: opt(ref('serviceOrganization')),
  addressId: opt(ref('address')),
  timeZone: timeZoneSchema,
});
export type BusinessLocation = RecordOf<typeof businessLocationDef>;

export const userDef = defineEntity('user', 'users', {
  username: z.string().regex(/^[a-z0-9._-]{3,40}$/, { message: 'must be 3-40 lowercase letters, digits, dots, dashes or underscores' }),
  displayName: text(120),
  email: emailSchema,
  phone: opt(phoneSchema),
  title: opt(text(120)),
  roles: z.array(roleSchema).min(1, { message: 'must have at least one role' }),
  serviceOrganizationId: opt(ref('serviceOrganization')),
  businessLocationId: opt(ref('businessLocation')),
  /** External people (partners, suppliers) who only ever contribute to cases. */
  isExternal: z.boolean().default(false),
  isActive: z.boolean().default(true),
  availability: z.enum(['available', 'away', 'offline']).default('offline'),
});
export type User = RecordOf<typeof userDef>;

export const groupDef = defineEntity('group', 'groups', {
  name: text(120),
  kind: z.enum(['assignment', 'field', 'approval']),
  description: opt(text(1000)),
  serviceOrganizationId: opt(ref('serviceOrganization')),
  managerId: opt(ref('user', 'setNull')),
});
export type Group = RecordOf<typeof groupDef>;

export const groupMemberDef = defineEntity('groupMember', 'group_members', {
  groupId: ref('group', 'cascade'),
  userId: ref('user', 'cascade'),
  isManager: z.boolean().default(false),
});
export type GroupMember = RecordOf<typeof groupMemberDef>;

/** A role's description for people; what it may do is code (shared/access/policy.ts). */
export const roleDef = defineEntity('role', 'roles', {
  key: roleSchema,
  name: text(80),
  description: text(1000),
});
export type RoleRecord = RecordOf<typeof roleDef>;

export const skillDef = defineEntity('skill', 'skills', {
  name: text(80),
  category: text(80),
  description: opt(text(1000)),
});
export type Skill = RecordOf<typeof skillDef>;

export const userSkillDef = defineEntity('userSkill', 'user_skills', {
  userId: ref('user', 'cascade'),
  skillId: ref('skill', 'cascade'),
  level: z.number().int().min(1).max(5),
});
export type UserSkill = RecordOf<typeof userSkillDef>;
