/** Small vocabularies shared by several record types. */
import { z } from 'zod';

export const channels = ['phone', 'email', 'chat', 'walk_in', 'portal'] as const;
export const channelSchema = z.enum(channels);
export type Channel = z.infer<typeof channelSchema>;

/** 1 critical, 2 high, 3 moderate, 4 low (the usual ITSM/CSM scale). */
export const prioritySchema = z.number().int().min(1, { message: 'must be 1 (critical) to 4 (low)' }).max(4, { message: 'must be 1 (critical) to 4 (low)' });
export type Priority = z.infer<typeof prioritySchema>;

export const roles = ['agent', 'supervisor', 'field_technician', 'business_stakeholder', 'contributor', 'administrator'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

export const languageSchema = z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, { message: 'must be a language tag like en or en-AU' });
export const emailSchema = z.email({ message: 'must be an email address' }).max(254);
export const phoneSchema = z.string().regex(/^\+?[0-9 ()-]{5,24}$/, { message: 'must be a phone number' });
export const timeZoneSchema = z.string().regex(/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/, { message: 'must be an IANA time zone like Australia/Sydney' });
