/**
 * Entitlement check at case creation: is the person covered for this product on this channel
 * today, by which entitlement, and how much of it remains. Pure; the device runs it on cached
 * records (its remaining units are as of the last sync) and the store can run it on its own.
 */
import type { Channel } from './vocab';
import type { Entitlement, ServiceContract } from './contract';

export type CoverageTarget = {
  channel: Channel;
  /** YYYY-MM-DD in the organisation's calendar. */
  today: string;
  productModelId: string | null;
  soldProductId: string | null;
  installBaseItemId: string | null;
};

export type CoverageProblem = 'not_started' | 'expired' | 'contract_inactive' | 'channel' | 'product' | 'used_up';

export type CoverageLine = { entitlement: Entitlement; contract: ServiceContract | null; problems: CoverageProblem[] };

export type Coverage = {
  /** The entitlement that covers the request (the one with the most units left), or null. */
  covering: CoverageLine | null;
  /** Every entitlement of the person, with why it does not cover (empty when it does). */
  lines: CoverageLine[];
};

/** An entitlement that names no product covers every product; one that names one must match it. */
function matchesProduct(e: Entitlement, target: CoverageTarget): boolean {
  if (e.installBaseItemId) return e.installBaseItemId === target.installBaseItemId;
  if (e.soldProductId) return e.soldProductId === target.soldProductId;
  if (e.productModelId) return e.productModelId === target.productModelId;
  return true;
}

export function coverageProblems(e: Entitlement, contract: ServiceContract | null, target: CoverageTarget): CoverageProblem[] {
  const problems: CoverageProblem[] = [];
  if (target.today < e.startsOn) problems.push('not_started');
  if (target.today > e.endsOn) problems.push('expired');
  if (contract && (contract.state !== 'active' || target.today < contract.startsOn || target.today > contract.endsOn)) problems.push('contract_inactive');
  if (!e.channels.includes(target.channel)) problems.push('channel');
  if (!matchesProduct(e, target)) problems.push('product');
  if (e.unit !== 'unlimited' && e.remainingUnits !== null && e.remainingUnits <= 0) problems.push('used_up');
  return problems;
}

function unitsLeft(e: Entitlement): number {
  return e.unit === 'unlimited' || e.remainingUnits === null ? Number.POSITIVE_INFINITY : e.remainingUnits;
}

export function checkCoverage(entitlements: readonly Entitlement[], contracts: ReadonlyMap<string, ServiceContract>, target: CoverageTarget): Coverage {
  const lines = entitlements.map((entitlement) => {
    const contract = entitlement.contractId ? (contracts.get(entitlement.contractId) ?? null) : null;
    return { entitlement, contract, problems: coverageProblems(entitlement, contract, target) };
  });
  const covering = lines.filter((l) => l.problems.length === 0).sort((a, b) => unitsLeft(b.entitlement) - unitsLeft(a.entitlement) || a.entitlement.endsOn.localeCompare(b.entitlement.endsOn))[0] ?? null;
  return { covering, lines };
}
