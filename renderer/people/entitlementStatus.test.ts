import { describe, expect, it } from 'vitest';
import { contractStatus, coverageSummary, entitlementStatus, type EntitlementLike } from './entitlementStatus';

const entitlement = (over: Partial<EntitlementLike>): EntitlementLike => ({ startsOn: '2026-01-01', endsOn: '2027-12-31', unit: 'cases', remainingUnits: 5, channels: ['phone'], ...over });

describe('entitlementStatus', () => {
  it('is active from its first day to its last, both included', () => {
    expect(entitlementStatus(entitlement({}), '2026-01-01')).toBe('active');
    expect(entitlementStatus(entitlement({}), '2027-12-31')).toBe('active');
  });

  it('is not yet valid before it starts and expired after it ends', () => {
    expect(entitlementStatus(entitlement({}), '2025-12-31')).toBe('upcoming');
    expect(entitlementStatus(entitlement({}), '2028-01-01')).toBe('expired');
  });

  it('is used up when its counted units reach zero, but an expired one stays expired', () => {
    expect(entitlementStatus(entitlement({ remainingUnits: 0 }), '2026-06-01')).toBe('exhausted');
    expect(entitlementStatus(entitlement({ unit: 'hours', remainingUnits: 0 }), '2026-06-01')).toBe('exhausted');
    expect(entitlementStatus(entitlement({ remainingUnits: 0 }), '2028-06-01')).toBe('expired');
  });

  it('never runs out when unlimited or when units are not counted', () => {
    expect(entitlementStatus(entitlement({ unit: 'unlimited', remainingUnits: 0 }), '2026-06-01')).toBe('active');
    expect(entitlementStatus(entitlement({ remainingUnits: null }), '2026-06-01')).toBe('active');
  });
});

describe('coverageSummary', () => {
  it('counts each status and lists the channels active entitlements cover, in vocabulary order', () => {
    const summary = coverageSummary(
      [
        entitlement({ channels: ['portal', 'phone'] }),
        entitlement({ channels: ['email'], unit: 'unlimited', remainingUnits: null }),
        entitlement({ channels: ['chat'], remainingUnits: 0 }),
        entitlement({ channels: ['walk_in'], endsOn: '2026-03-01' }),
        entitlement({ channels: ['walk_in'], startsOn: '2026-09-01' }),
      ],
      '2026-06-01',
    );
    expect(summary).toEqual({ counts: { active: 2, upcoming: 1, exhausted: 1, expired: 1 }, channels: ['phone', 'email', 'portal'], isCovered: true });
  });

  it('is not covered with nothing active', () => {
    expect(coverageSummary([], '2026-06-01')).toEqual({ counts: { active: 0, upcoming: 0, exhausted: 0, expired: 0 }, channels: [], isCovered: false });
    expect(coverageSummary([entitlement({ remainingUnits: 0 })], '2026-06-01').isCovered).toBe(false);
  });
});

describe('contractStatus', () => {
  const contract = { startsOn: '2026-01-01', endsOn: '2026-12-31', state: 'active' as const };

  it('corrects an active contract by its dates', () => {
    expect(contractStatus(contract, '2026-06-01')).toBe('active');
    expect(contractStatus(contract, '2027-01-01')).toBe('expired');
    expect(contractStatus(contract, '2025-12-31')).toBe('upcoming');
  });

  it('keeps a draft, cancelled or expired contract as recorded', () => {
    expect(contractStatus({ ...contract, state: 'draft' }, '2026-06-01')).toBe('draft');
    expect(contractStatus({ ...contract, state: 'cancelled' }, '2026-06-01')).toBe('cancelled');
    expect(contractStatus({ ...contract, state: 'expired' }, '2026-06-01')).toBe('expired');
  });
});
