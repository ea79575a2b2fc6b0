/** What a device told its user about is kept across reloads, per key, bounded, and survives bad data. */
import { describe, expect, it } from 'vitest';
import { notifiedKey, notifiedMemory } from './notifiedMemory';

function storage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), items };
}

describe('notified memory', () => {
  it('is a first run until something (even nothing) was remembered, then keeps keys for the next reader', () => {
    const s = storage();
    const first = notifiedMemory(s, 'k', 10);
    expect(first.isFirstRun).toBe(true);
    first.remember([]);
    const second = notifiedMemory(s, 'k', 10);
    expect(second.isFirstRun).toBe(false);
    second.remember(['a', 'b']);
    expect(notifiedMemory(s, 'k', 10).has('a')).toBe(true);
    expect(notifiedMemory(s, 'other', 10).has('a')).toBe(false);
  });

  it('keeps only the latest keys, those seen again last', () => {
    const s = storage();
    notifiedMemory(s, 'k', 3).remember(['a', 'b', 'c']);
    notifiedMemory(s, 'k', 3).remember(['a', 'd']);
    const memory = notifiedMemory(s, 'k', 3);
    expect(['a', 'b', 'c', 'd'].map((k) => memory.has(k))).toEqual([true, false, true, true]);
  });

  it('reads damaged data as an empty memory, not a first run', () => {
    const memory = notifiedMemory(storage({ k: '{not json' }), 'k', 3);
    expect(memory.isFirstRun).toBe(false);
    expect(memory.has('a')).toBe(false);
  });

  it('names keys under caseway., per kind and user, so a device wipe clears them', () => {
    expect(notifiedKey('approval', 'u1')).toBe('caseway.notified.approval.u1');
    expect(notifiedKey('sla', 'u1')).toBe('caseway.notified.sla.u1');
  });
});
