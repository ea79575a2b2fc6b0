/**
 * The offline unlock's vault over a real IndexedDB implementation (fake-indexeddb), real Dexie and
 * the platform's WebCrypto: only the right password opens it, wrong ones are counted and then the
 * vault is gone, the offline period runs from the last contact with the store, and a clock set back
 * before that contact is refused.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { User } from '../../shared/domain/organisation';
import { maxFailedUnlocks, openDeviceDb, recordContact, storeVault, unlockVault, vaultUsers } from './vault';

const user = { id: '11111111-1111-4111-8111-111111111111', displayName: 'Tom Hughes', username: 'riv.tech', roles: ['field_technician'] } as unknown as User;
const day = 86_400_000;
const signedInAt = new Date('2026-11-20T08:00:00Z');
const at = (ms: number): Date => new Date(signedInAt.getTime() + ms);

async function freshVault() {
  const db = openDeviceDb({ indexedDB, IDBKeyRange });
  await db.vaults.clear();
  await storeVault(db, { username: 'Riv.Tech', password: 'correct horse', token: 'token-1', user, offlineUnlockDays: 7, now: signedInAt });
  return db;
}

describe('offline unlock vault', () => {
  it('opens with the right password only, and keeps no readable token', async () => {
    const db = await freshVault();
    const row = await db.vaults.get('riv.tech');
    expect(row).toBeTruthy();
    expect(new TextDecoder().decode(new Uint8Array(row?.ciphertext ?? new ArrayBuffer(0)))).not.toContain('token-1');
    expect(await vaultUsers(db)).toEqual([{ username: 'riv.tech', displayName: 'Tom Hughes' }]);
    const opened = await unlockVault(db, ' riv.tech ', 'correct horse', at(2 * day));
    expect(opened).toMatchObject({ ok: true, token: 'token-1', user: { id: user.id }, offlineUntil: at(7 * day).toISOString() });
    expect(await unlockVault(db, 'riv.tech', 'wrong', at(day))).toEqual({ ok: false, reason: 'wrong_password', attemptsLeft: maxFailedUnlocks - 1 });
    expect(await unlockVault(db, 'someone.else', 'correct horse', at(day))).toEqual({ ok: false, reason: 'no_vault' });
    db.close();
  });

  it(`is deleted after ${maxFailedUnlocks} wrong passwords in a row; a right one resets the count`, async () => {
    const db = await freshVault();
    for (let i = 1; i < maxFailedUnlocks; i++) expect(await unlockVault(db, 'riv.tech', `guess ${i}`, at(day))).toMatchObject({ reason: 'wrong_password', attemptsLeft: maxFailedUnlocks - i });
    expect((await unlockVault(db, 'riv.tech', 'correct horse', at(day))).ok).toBe(true);
    for (let i = 1; i < maxFailedUnlocks; i++) await unlockVault(db, 'riv.tech', `guess ${i}`, at(day));
    expect(await unlockVault(db, 'riv.tech', 'last guess', at(day))).toEqual({ ok: false, reason: 'too_many_attempts' });
    expect(await unlockVault(db, 'riv.tech', 'correct horse', at(day))).toEqual({ ok: false, reason: 'no_vault' });
    db.close();
  });

  it('holds for the offline period after the last contact with the store, which each contact starts again', async () => {
    const db = await freshVault();
    expect(await unlockVault(db, 'riv.tech', 'correct horse', at(8 * day))).toEqual({ ok: false, reason: 'expired', offlineUntil: at(7 * day).toISOString() });
    // Expired still opens for reporting a revoked device's work, when asked to.
    expect((await unlockVault(db, 'riv.tech', 'correct horse', at(8 * day), { allowExpired: true })).ok).toBe(true);
    const opened = await unlockVault(db, 'riv.tech', 'correct horse', at(6 * day));
    if (!opened.ok) throw new Error('should open');
    const until = await recordContact(db, opened.key, { token: 'token-2', user }, at(6 * day));
    expect(until).toBe(at(13 * day).toISOString());
    expect(await unlockVault(db, 'riv.tech', 'correct horse', at(12 * day))).toMatchObject({ ok: true, token: 'token-2' });
    db.close();
  });

  it('refuses a clock set back before the last contact', async () => {
    const db = await freshVault();
    expect(await unlockVault(db, 'riv.tech', 'correct horse', at(-day))).toEqual({ ok: false, reason: 'clock' });
    db.close();
  });
});
