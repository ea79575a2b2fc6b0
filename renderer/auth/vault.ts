/**
 * The offline unlock (issue 6): a user who signed in on this device before may open the
 * workstation without the store, with their password, for a limited time after the device's last
 * contact with the store. What it needs (the session token and the user) is kept encrypted with a
 * key derived from the password (PBKDF2-SHA-256, AES-GCM): nothing on the disk opens it without the
 * password, and a wrong password fails the authentication tag. The time of the last contact is
 * inside the encrypted part, so it cannot be moved forward without the password either.
 * Kept in a small IndexedDB database of the device, apart from the users' caches.
 */
import { Dexie, type Table } from 'dexie';
import type { User } from '../../shared/domain/organisation';

export const pbkdf2Iterations = 600_000;
/** Wrong passwords in a row after which the vault is deleted (an online sign-in is needed then). */
export const maxFailedUnlocks = 5;
/** A clock set back more than this before the last contact refuses the unlock. */
const clockSkewMs = 5 * 60_000;

type VaultRow = {
  username: string;
  userId: string;
  displayName: string;
  salt: Uint8Array<ArrayBuffer>;
  iv: Uint8Array<ArrayBuffer>;
  ciphertext: ArrayBuffer;
  failedUnlocks: number;
};

type Sealed = { token: string; user: User; lastContactAt: string; offlineUnlockDays: number };

export type DeviceDb = Dexie & { vaults: Table<VaultRow, string> };

export const deviceDatabaseName = 'caseway-device';

export function openDeviceDb(options: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange } = {}): DeviceDb {
  const db = new Dexie(deviceDatabaseName, { chromeTransactionDurability: 'strict', ...options }) as DeviceDb;
  db.version(1).stores({ vaults: 'username, userId' });
  return db;
}

export type UnlockResult =
  | { ok: true; token: string; user: User; offlineUntil: string; key: VaultKey }
  | { ok: false; reason: 'no_vault' | 'wrong_password' | 'too_many_attempts' | 'expired' | 'clock'; offlineUntil?: string; attemptsLeft?: number };

/** The key of an open vault, kept in memory while the user is signed in (to record each contact). */
export type VaultKey = { username: string; key: CryptoKey; salt: Uint8Array<ArrayBuffer> };

async function deriveKey(password: string, salt: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: pbkdf2Iterations }, material, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

async function seal(db: DeviceDb, vaultKey: VaultKey, sealed: Sealed, failedUnlocks = 0): Promise<void> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, vaultKey.key, new TextEncoder().encode(JSON.stringify(sealed)));
  await db.vaults.put({ username: vaultKey.username, userId: sealed.user.id, displayName: sealed.user.displayName, salt: vaultKey.salt, iv, ciphertext, failedUnlocks });
}

const normal = (username: string): string => username.trim().toLowerCase();

/** After an online sign-in: (re)writes the vault for this user with the new session. */
export async function storeVault(db: DeviceDb, input: { username: string; password: string; token: string; user: User; offlineUnlockDays: number; now: Date }): Promise<VaultKey> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const vaultKey: VaultKey = { username: normal(input.username), key: await deriveKey(input.password, salt), salt };
  await seal(db, vaultKey, { token: input.token, user: input.user, lastContactAt: input.now.toISOString(), offlineUnlockDays: input.offlineUnlockDays });
  return vaultKey;
}

function offlineUntil(sealed: Sealed): string {
  return new Date(Date.parse(sealed.lastContactAt) + sealed.offlineUnlockDays * 86_400_000).toISOString();
}

/** Opens the vault offline with the password, if it exists, the password is right and the offline period has not run out. */
export async function unlockVault(db: DeviceDb, username: string, password: string, now: Date, options: { allowExpired?: boolean } = {}): Promise<UnlockResult> {
  const row = await db.vaults.get(normal(username));
  if (!row) return { ok: false, reason: 'no_vault' };
  const key = await deriveKey(password, row.salt);
  let sealed: Sealed;
  try {
    sealed = JSON.parse(new TextDecoder().decode(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: row.iv }, key, row.ciphertext))) as Sealed;
  } catch {
    const failed = row.failedUnlocks + 1;
    if (failed >= maxFailedUnlocks) {
      await db.vaults.delete(row.username);
      return { ok: false, reason: 'too_many_attempts' };
    }
    await db.vaults.update(row.username, { failedUnlocks: failed });
    return { ok: false, reason: 'wrong_password', attemptsLeft: maxFailedUnlocks - failed };
  }
  const until = offlineUntil(sealed);
  if (now.getTime() < Date.parse(sealed.lastContactAt) - clockSkewMs) return { ok: false, reason: 'clock' };
  if (now.getTime() > Date.parse(until) && !options.allowExpired) return { ok: false, reason: 'expired', offlineUntil: until };
  const vaultKey: VaultKey = { username: row.username, key, salt: row.salt };
  if (row.failedUnlocks > 0) await seal(db, vaultKey, sealed);
  return { ok: true, token: sealed.token, user: sealed.user, offlineUntil: until, key: vaultKey };
}

/** Records a contact with the store (a sync that reached it): the offline period starts again from `now`. */
export async function recordContact(db: DeviceDb, vaultKey: VaultKey, update: { token: string; user: User; offlineUnlockDays?: number }, now: Date): Promise<string> {
  const row = await db.vaults.get(vaultKey.username);
  let days = update.offlineUnlockDays;
  if (days === undefined && row) {
    const previous = JSON.parse(new TextDecoder().decode(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: row.iv }, vaultKey.key, row.ciphertext))) as Sealed;
    days = previous.offlineUnlockDays;
  }
  const sealed: Sealed = { token: update.token, user: update.user, lastContactAt: now.toISOString(), offlineUnlockDays: days ?? 0 };
  await seal(db, vaultKey, sealed);
  return offlineUntil(sealed);
}

export async function forgetVault(db: DeviceDb, username: string): Promise<void> {
  await db.vaults.delete(normal(username));
}

/** Who may unlock this device offline (names only, for the sign-in screen). */
export async function vaultUsers(db: DeviceDb): Promise<{ username: string; displayName: string }[]> {
  return (await db.vaults.toArray()).map((v) => ({ username: v.username, displayName: v.displayName }));
}
