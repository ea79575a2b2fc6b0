import { describe, expect, it } from 'vitest';
import type { Entitlement, ServiceContract } from './contract';
import { checkCoverage, type CoverageTarget } from './coverage';

const base = { orgId: '00000000-0000-4000-8000-000000000000', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', rev: 1 };
function entitlement(id: string, fields: Partial<Entitlement>): Entitlement {
  return { ...base, id, name: `E ${id}`, contractId: 'k1', accountId: null, consumerId: 'p1', productModelId: null, soldProductId: null, installBaseItemId: null, assetId: null, channels: ['phone', 'email'], schedule: null, startsOn: '2026-01-01', endsOn: '2026-12-31', unit: 'cases', totalUnits: 10, remainingUnits: 4, ...fields };
}
const contract: ServiceContract = { ...base, id: 'k1', number: 'SC1', name: 'Care plan', accountId: null, consumerId: 'p1', startsOn: '2026-01-01', endsOn: '2026-12-31', state: 'active' };
const contracts = new Map([['k1', contract]]);
const target: CoverageTarget = { channel: 'phone', today: '2026-12-02', productModelId: 'm1', soldProductId: 's1', installBaseItemId: 'i1' };

describe('coverage', () => {
  it('is covered by a valid entitlement for the channel and product, preferring the most units left', () => {
    const result = checkCoverage([entitlement('a', { remainingUnits: 2 }), entitlement('b', { remainingUnits: 7, productModelId: 'm1' })], contracts, target);
    expect(result.covering?.entitlement.id).toBe('b');
    expect(result.lines.every((l) => l.problems.length === 0)).toBe(true);
  });

  it('says why each entitlement does not cover', () => {
    const result = checkCoverage(
      [
        entitlement('expired', { endsOn: '2026-11-30' }),
        entitlement('future', { startsOn: '2027-01-01' }),
        entitlement('chat', { channels: ['chat'] }),
        entitlement('other', { installBaseItemId: 'i2' }),
        entitlement('used', { remainingUnits: 0 }),
        entitlement('cancelled', { contractId: 'k2' }),
      ],
      new Map([...contracts, ['k2', { ...contract, id: 'k2', state: 'cancelled' as const }]]),
      target,
    );
    expect(result.covering).toBeNull();
    expect(Object.fromEntries(result.lines.map((l) => [l.entitlement.id, l.problems]))).toEqual({
      expired: ['expired'],
      future: ['not_started'],
      chat: ['channel'],
      other: ['product'],
      used: ['used_up'],
      cancelled: ['contract_inactive'],
    });
  });

  it('counts unlimited entitlements as never used up', () => {
    const result = checkCoverage([entitlement('u', { unit: 'unlimited', totalUnits: null, remainingUnits: null }), entitlement('c', { remainingUnits: 50 })], contracts, target);
    expect(result.covering?.entitlement.id).toBe('u');
  });
});
