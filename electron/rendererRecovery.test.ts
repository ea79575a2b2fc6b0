import { describe, expect, it } from 'vitest';
import { createRendererRecovery } from './rendererRecovery';

describe('renderer recovery', () => {
  it('reloads a crashed window, and gives up on the third crash within five minutes', () => {
    let now = 0;
    const recovery = createRendererRecovery({ maxCrashes: 3, windowMs: 5 * 60_000, now: () => now });
    expect(recovery.crashed('https://a.example')).toBe('reload');
    now += 60_000;
    expect(recovery.crashed('https://a.example')).toBe('reload');
    // Another workspace's crashes are its own.
    expect(recovery.crashed('https://b.example')).toBe('reload');
    now += 60_000;
    expect(recovery.crashed('https://a.example')).toBe('giveUp');
  });

  it('forgets crashes older than the window, and all of them when the window closes', () => {
    let now = 0;
    const recovery = createRendererRecovery({ maxCrashes: 2, windowMs: 60_000, now: () => now });
    expect(recovery.crashed('https://a.example')).toBe('reload');
    now += 61_000;
    expect(recovery.crashed('https://a.example')).toBe('reload');
    recovery.forget('https://a.example');
    expect(recovery.crashed('https://a.example')).toBe('reload');
    expect(recovery.crashed('https://a.example')).toBe('giveUp');
  });
});
