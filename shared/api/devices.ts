/** Devices as an administrator sees them, and the report a revoked device sends before it wipes itself. */
import { z } from 'zod';

/** How long a device may be unlocked without the store, after its last contact with it (days). */
export const defaultOfflineUnlockDays = 7;

export const revokeDeviceBodySchema = z.strictObject({
  reason: z.string().trim().max(400).nullable().default(null),
});

const queuedMutationSchema = z.strictObject({
  id: z.number().int().positive(),
  name: z.string().min(1).max(60),
  args: z.unknown(),
  deviceTime: z.string().max(40),
});

/** What a revoked device still held when it wiped itself: per user cache on it, the work it had not sent. */
export const wipeReportBodySchema = z.strictObject({
  caches: z
    .array(
      z.strictObject({
        userId: z.guid({ message: 'must be a UUID' }),
        queued: z.array(queuedMutationSchema).max(20_000),
        /** Files kept on the device that had not reached the store. */
        files: z.array(z.strictObject({ id: z.string().max(60), fileName: z.string().max(300), size: z.number().int().nonnegative() })).max(5000),
        /** Refusals and overwrites the user had not dismissed yet. */
        openIssues: z.number().int().nonnegative(),
        records: z.number().int().nonnegative(),
      }),
    )
    .max(50),
});
export type WipeReportBody = z.infer<typeof wipeReportBodySchema>;

export type DeviceSummary = {
  deviceId: string;
  deviceName: string;
  users: { id: string; username: string; displayName: string }[];
  firstSeenAt: string;
  lastSeenAt: string;
  activeSessions: number;
  revocation: { revokedAt: string; revokedBy: string; reason: string | null; reportedAt: string | null; queued: number | null; files: number | null } | null;
};

export type DeviceReport = { deviceId: string; reportedAt: string | null; report: WipeReportBody | null };
