/**
 * The signed-in user's offline unlock, between the sign-in screen, the vault and the sync: an
 * online sign-in (re)writes the vault, an offline one opens it, and every sync that reaches the
 * store starts the offline period again (at most every few minutes).
 */
import type { LoginAnswer } from '../../shared/api/auth';
import type { User } from '../../shared/domain/organisation';
import { forgetVault, openDeviceDb, recordContact, storeVault, unlockVault, type DeviceDb, type UnlockResult, type VaultKey } from './vault';

let deviceDb: DeviceDb | null = null;
let current: VaultKey | null = null;
let lastRecorded = 0;
const recordEveryMs = 5 * 60_000;

function device(): DeviceDb {
  deviceDb ??= openDeviceDb();
  return deviceDb;
}

/** After an online sign-in: keeps what an offline unlock will need, sealed with the password. */
export async function rememberSignIn(username: string, password: string, answer: LoginAnswer): Promise<void> {
  current = await storeVault(device(), { username, password, token: answer.token, user: answer.user, offlineUnlockDays: answer.offlineUnlockDays, now: new Date() });
  lastRecorded = Date.now();
}

export async function unlockOffline(username: string, password: string, options: { allowExpired?: boolean } = {}): Promise<UnlockResult> {
  const result = await unlockVault(device(), username, password, new Date(), options);
  if (result.ok) current = result.key;
  return result;
}

/** A sync reached the store: the offline period runs from now. */
export async function noteContact(token: string, user: User): Promise<void> {
  if (!current || Date.now() - lastRecorded < recordEveryMs) return;
  lastRecorded = Date.now();
  await recordContact(device(), current, { token, user }, new Date());
}

/** Sign-out or a session the store refused: no offline unlock with it any more. */
export async function forgetSignIn(): Promise<void> {
  if (current) await forgetVault(device(), current.username);
  current = null;
}

/** Before the device's databases are deleted. */
export function closeDeviceDb(): void {
  deviceDb?.close();
  deviceDb = null;
  current = null;
}
