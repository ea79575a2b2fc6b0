/**
 * Is a work order ready to be worked offline? Each part the technician needs on site is checked
 * against what the device holds: `ok`, `missing` (referenced but not on the device: a warning) or
 * `none` (nothing to hold, e.g. no contract covers the work). Pure: the loader counts, this judges.
 */

export const readinessParts = ['case', 'site', 'item', 'history', 'people', 'contract', 'playbook', 'attachments'] as const;
export type ReadinessPart = (typeof readinessParts)[number];
export type ReadinessStatus = 'ok' | 'missing' | 'none';
export type ReadinessCheck = { part: ReadinessPart; status: ReadinessStatus; held: number; expected: number };

/** What the device holds for one work order; `expected` counts what its records reference. */
export type Holdings = {
  case: { expected: boolean; held: boolean };
  site: { expected: boolean; held: boolean };
  /** Install base items of the work's tree on the device (the item itself counts as expected). */
  item: { expected: boolean; held: boolean; treeSize: number };
  /** The item's history as fetched from the store (null: never fetched on this device). */
  history: { expected: boolean; fetchedAt: string | null };
  people: { expected: number; held: number };
  contract: { expected: number; held: number };
  playbook: { expected: boolean; held: boolean };
  attachments: { expected: number; held: number };
};

const flag = (part: ReadinessPart, expected: boolean, held: boolean, count = held ? 1 : 0): ReadinessCheck => ({ part, status: !expected ? 'none' : held ? 'ok' : 'missing', held: count, expected: expected ? Math.max(1, count) : 0 });
const counted = (part: ReadinessPart, expected: number, held: number): ReadinessCheck => ({ part, status: expected === 0 ? 'none' : held >= expected ? 'ok' : 'missing', held, expected });

export function readiness(h: Holdings): ReadinessCheck[] {
  return [
    flag('case', h.case.expected, h.case.held),
    flag('site', h.site.expected, h.site.held),
    flag('item', h.item.expected, h.item.held, h.item.treeSize),
    flag('history', h.history.expected, h.history.fetchedAt !== null),
    counted('people', h.people.expected, h.people.held),
    counted('contract', h.contract.expected, h.contract.held),
    flag('playbook', h.playbook.expected, h.playbook.held),
    counted('attachments', h.attachments.expected, h.attachments.held),
  ];
}

/** The parts with a warning (referenced and not on the device). */
export function warnings(checks: readonly ReadinessCheck[]): ReadinessPart[] {
  return checks.filter((c) => c.status === 'missing').map((c) => c.part);
}
