/** Bodies and answers of the authentication routes. */
import { z } from 'zod';
import type { User } from '../domain/organisation';

export const loginBodySchema = z.strictObject({
  username: z.string().min(1, { message: 'is required' }).max(40),
  password: z.string().min(1, { message: 'is required' }).max(200),
  /** A name for the device session, e.g. "Ana's laptop". */
  deviceName: z.string().trim().min(1).max(120).default('Browser'),
  /** A device id the client keeps, so sessions of one device can be recognised. */
  deviceId: z.guid().optional(),
});
export type LoginBody = z.input<typeof loginBodySchema>;

export type DeviceSession = {
  id: string;
  userId: string;
  deviceId: string;
  deviceName: string;
  createdAt: string;
  lastSeenAt: string;
  revokedAt: string | null;
  isCurrent: boolean;
};

/** `offlineUnlockDays`: how long after its last contact with the store the device may be unlocked offline. */
export type LoginAnswer = { token: string; session: DeviceSession; user: User; offlineUnlockDays: number };
export type MeAnswer = { user: User; session: DeviceSession };

export const changePasswordBodySchema = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(10, { message: 'must be at least 10 characters' }).max(200),
});

export const transitionBodySchema = z.strictObject({
  action: z.string().min(1).max(40),
  resolutionCode: z.string().trim().min(1).max(80).nullable().default(null),
  resolutionNotes: z.string().trim().min(1).max(8000).nullable().default(null),
  /** The rev the client last saw; the change is refused when the case moved on since. */
  expectedRev: z.number().int().nonnegative().optional(),
});
export type TransitionBody = z.input<typeof transitionBodySchema>;

export type ListAnswer<R> = { items: R[]; nextCursor: string | null };
