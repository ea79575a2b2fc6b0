/**
 * Choosing what a query shows from everything that matched: readings of one query merged (an
 * owner keeps its best), then the best few picked without sorting them all. Pure.
 */

/** The matches of one reading of a query: per matching owner, its score, weakest field and the part that matched there. */
export type Matches = { owners: Int32Array; scores: Int32Array; fields: Uint8Array; parts: Int32Array; count: number };

/** Several readings (a phone number read as its digits too): an owner keeps its best one. */
export function mergeReadings(all: readonly Matches[]): Matches {
  const first = all[0];
  if (all.length === 1 && first) return first;
  const best = new Map<number, { score: number; field: number; part: number }>();
  for (const m of all) {
    for (let c = 0; c < m.count; c++) {
      const o = m.owners[c] ?? 0;
      const score = m.scores[c] ?? 0;
      const known = best.get(o);
      if (!known || score > known.score) best.set(o, { score, field: m.fields[c] ?? 0, part: m.parts[c] ?? 0 });
    }
  }
  const count = best.size;
  const out: Matches = { owners: new Int32Array(count), scores: new Int32Array(count), fields: new Uint8Array(count), parts: new Int32Array(count), count };
  let c = 0;
  for (const [o, b] of best) {
    out.owners[c] = o;
    out.scores[c] = b.score;
    out.fields[c] = b.field;
    out.parts[c++] = b.part;
  }
  return out;
}

/**
 * Positions in `m` of the best `limit` matches, best first: higher score, then higher sort key
 * (a case's last update), then title. A bounded min-heap, so O(n log limit) over n matches.
 */
export function bestMatches(m: Matches, limit: number, sortKey: (owner: number) => number, title: (owner: number) => string): number[] {
  const isBetter = (a: number, b: number): boolean => {
    const sa = m.scores[a] ?? 0;
    const sb = m.scores[b] ?? 0;
    if (sa !== sb) return sa > sb;
    const ka = sortKey(m.owners[a] ?? 0);
    const kb = sortKey(m.owners[b] ?? 0);
    if (ka !== kb) return ka > kb;
    return (m.owners[a] ?? 0) < (m.owners[b] ?? 0);
  };
  const heap: number[] = [];
  const swap = (i: number, j: number): void => {
    [heap[i], heap[j]] = [heap[j] ?? 0, heap[i] ?? 0];
  };
  for (let c = 0; c < m.count; c++) {
    if (heap.length < limit) {
      heap.push(c);
      for (let i = heap.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!isBetter(heap[parent] ?? 0, heap[i] ?? 0)) break;
        swap(i, parent);
        i = parent;
      }
    } else if (limit > 0 && isBetter(c, heap[0] ?? 0)) {
      heap[0] = c;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let worst = i;
        if (l < heap.length && isBetter(heap[worst] ?? 0, heap[l] ?? 0)) worst = l;
        if (r < heap.length && isBetter(heap[worst] ?? 0, heap[r] ?? 0)) worst = r;
        if (worst === i) break;
        swap(i, worst);
        i = worst;
      }
    }
  }
  // Equal matches of equal standing read best in name order.
  const titleAt = (c: number): string => title(m.owners[c] ?? 0);
  const isTied = (a: number, b: number): boolean => m.scores[a] === m.scores[b] && sortKey(m.owners[a] ?? 0) === sortKey(m.owners[b] ?? 0);
  return heap.sort((a, b) => (isTied(a, b) ? titleAt(a).localeCompare(titleAt(b)) || (m.owners[a] ?? 0) - (m.owners[b] ?? 0) : isBetter(a, b) ? -1 : 1));
}
