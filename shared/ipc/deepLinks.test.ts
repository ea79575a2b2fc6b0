import { describe, expect, it } from 'vitest';
import { createDeepLinkInbox, deepLinkActionSchema, deepLinkInboxMaxAgeMs, normalisePhone } from './deepLinks';

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

  it('refuses control, format and line-separator characters in the free-text from', () => {
    const fromOf = (from: string) => deepLinkActionSchema.safeParse({ kind: 'startInteraction', channel: 'chat', from }).success;
    expect(fromOf('ana.lee on chat')).toBe(true);
    expect(fromOf('José Müller 🙂')).toBe(true);
    // C0, DEL and C1 controls (U+0085 next line), bidi overrides and isolates, zero-width and BOM, line and paragraph separators.
    for (const bad of ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u009b', '\u202e', '\u2066', '\u200b', '\u200f', '\ufeff', '\u00ad', '\u2028', '\u2029']) {
      expect([JSON.stringify(bad), fromOf(`ana${bad}lee`)]).toEqual([JSON.stringify(bad), false]);
    }
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

  it('drops held items older than the maximum age when a listener subscribes', () => {
    let clock = 1_000_000;
    const inbox = createDeepLinkInbox<string>(10, () => clock);
    inbox.push('stale');
    clock += deepLinkInboxMaxAgeMs - 1_000;
    inbox.push('fresh');
    clock += 2_000;
    const seen: string[] = [];
    const stop = inbox.listen((item) => seen.push(item));
    expect(seen).toEqual(['fresh']);
    stop();
    // Held after a sign-out: a much later sign-in does not replay it.
    inbox.push('while signed out');
    clock += 60 * 60_000;
    inbox.listen((item) => seen.push(item));
    expect(seen).toEqual(['fresh']);
  });

  it('keeps the preload call (no clock) working with the real clock', () => {
    const inbox = createDeepLinkInbox<number>(2);
    inbox.push(1);
    const seen: number[] = [];
    inbox.listen((n) => seen.push(n));
    expect(seen).toEqual([1]);
  });
});
