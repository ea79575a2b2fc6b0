/**
 * What an entitlement or a contract allows today, and the coverage they add up to. Pure: the
 * caller passes `today` as the device's local date (YYYY-MM-DD), the same form as the records'
 * startsOn/endsOn, so ISO dates compare as strings.
 */
import { channels, type Channel } from '../../shared/domain/vocab';

export const entitlementStatuses = ['active', 'upcoming', 'exhausted', 'expired'] as const;
export type EntitlementStatus = (typeof entitlementStatuses)[number];

export type EntitlementLike = {
  startsOn: string;
  endsOn: string;
  unit: 'cases' | 'hours' | 'unlimited';
  remainingUnits: number | null;
  channels: readonly Channel[];
};

/** Validity first (expired, not yet valid), then units: counted units at zero are used up. */
export function entitlementStatus(e: EntitlementLike, today: string): EntitlementStatus {
  if (today > e.endsOn) return 'expired';
  if (today < e.startsOn) return 'upcoming';
  if (e.unit !== 'unlimited' && e.remainingUnits !== null && e.remainingUnits <= 0) return 'exhausted';
  return 'active';
}

export type Coverage = {
  counts: Record<EntitlementStatus, number>;
  /** Channels at least one active entitlement covers, in the vocabulary's order. */
  channels: Channel[];
  isCovered: boolean;
};

export function coverageSummary(list: readonly EntitlementLike[], today: string): Coverage {
  const counts: Record<EntitlementStatus, number> = { active: 0, upcoming: 0, exhausted: 0, expired: 0 };
  const covered = new Set<Channel>();
  for (const e of list) {
    const status = entitlementStatus(e, today);
    counts[status] += 1;
    if (status === 'active') for (const c of e.channels) covered.add(c);
  }
  return { counts, channels: channels.filter((c) => covered.has(c)), isCovered: counts.active > 0 };
}

export type ContractLike = { startsOn: string; endsOn: string; state: 'draft' | 'active' | 'expired' | 'cancelled' };
export type ContractStatus = ContractLike['state'] | 'upcoming';

/** A contract's standing today: its recorded state, corrected by its dates when it says active. */
export function contractStatus(c: ContractLike, today: string): ContractStatus {
  if (c.state !== 'active') return c.state;
  if (today > c.endsOn) return 'expired';
  if (today < c.startsOn) return 'upcoming';
  return 'active';
}
