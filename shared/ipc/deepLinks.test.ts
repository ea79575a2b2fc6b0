import { describe, expect, it } from 'vitest';
import { createDeepLinkInbox, deepLinkActionSchema, normalisePhone } from './deepLinks';

describe('deep link actions', () => {
  it('normalises phone numbers and refuses what is not one', () => {
    expect(normalisePhone('+61 (2) 9876-5432')).toBe('+61298765432');
    expect(normalisePhone('02 9876 5432')).toBe('0298765432');
    expect(normalisePhone('1234')).toBeNull();
    expect(normalisePhone('+61 2 9876 5432 ext 3')).toBeNull();
    expect(normalisePhone('1'.repeat(16))).toBeNull();
  });

  it('accepts the two action shapes only', () => {
    expect(deepLinkActionSchema.safeParse({ kind: 'openCase', number: 'CS0001234' }).success).toBe(true);
    expect(deepLinkActionSchema.safeParse({ kind: 'openCase', number: 'CS0001234', extra: 1 }).success).toBe(false);
    expect(deepLinkActionSchema.safeParse({ kind: 'startInteraction', channel: 'phone', from: '+61 2 9876 5432' }).success).toBe(false);
    expect(deepLinkActionSchema.safeParse({ kind: 'startInteraction', channel: 'email', from: 'a@b.example' }).success).toBe(true);
    expect(deepLinkActionSchema.safeParse({ kind: 'deleteEverything' }).success).toBe(false);
  });

  it('holds items for the first listener, keeping only the latest', () => {
    const inbox = createDeepLinkInbox<number>(3);
    for (const n of [1, 2, 3, 4, 5]) inbox.push(n);
    const seen: number[] = [];
    const stop = inbox.listen((n) => seen.push(n));
    inbox.push(6);
    stop();
    inbox.push(7);
    expect(seen).toEqual([3, 4, 5, 6]);
  });
});
