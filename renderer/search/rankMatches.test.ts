import { describe, expect, it } from 'vitest';
import { bestMatches, mergeReadings, type Matches } from './rankMatches';

function matches(rows: readonly (readonly [owner: number, score: number, field?: number])[]): Matches {
  return {
    owners: Int32Array.from(rows.map((r) => r[0])),
    scores: Int32Array.from(rows.map((r) => r[1])),
    fields: Uint8Array.from(rows.map((r) => r[2] ?? 0)),
    parts: Int32Array.from(rows.map((r) => r[0] * 10)),
    count: rows.length,
  };
}

describe('ranking matches', () => {
  it('picks the same best few as sorting everything would, for any limit', () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const rows = Array.from({ length: 500 }, (_, owner) => [owner, random(20)] as const);
    const sortKey = (owner: number): number => owner % 7;
    const title = (owner: number): string => `t${String(owner).padStart(4, '0')}`;
    const full = [...rows].sort((a, b) => b[1] - a[1] || sortKey(b[0]) - sortKey(a[0]) || title(a[0]).localeCompare(title(b[0]))).map((r) => r[0]);
    for (const limit of [0, 1, 10, 50, 499, 500, 800]) {
      const m = matches(rows);
      expect(bestMatches(m, limit, sortKey, title).map((c) => m.owners[c])).toEqual(full.slice(0, limit));
    }
  });

  it('merges readings keeping each owner’s best score and the field that gave it', () => {
    const merged = mergeReadings([matches([[1, 10, 6], [2, 30, 2]]), matches([[1, 34, 3], [3, 5, 7]])]);
    const byOwner = new Map(Array.from(merged.owners, (o, c) => [o, [merged.scores[c], merged.fields[c]]]));
    expect(byOwner).toEqual(new Map([[1, [34, 3]], [2, [30, 2]], [3, [5, 7]]]));
    const single = matches([[4, 1]]);
    expect(mergeReadings([single])).toBe(single);
  });
});
