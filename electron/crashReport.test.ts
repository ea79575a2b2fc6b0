/** The problem report carries versions and the last log lines, and no personal data. */
import { describe, expect, it } from 'vitest';
import { buildCrashReport, redact, redactLogLine } from './crashReport';

describe('redact', () => {
  it('removes emails, phone numbers, tokens, ids of people and case numbers', () => {
    expect(redact('mail from ana.lee+work@example.org failed')).toBe('mail from [email] failed');
    expect(redact('caller +61 2 9876 5432 and 0412-345-678 and (02) 9876 5432')).toBe('caller [phone] and [phone] and [phone]');
    expect(redact('Authorization: Bearer cw_abc.DEF-123_xyz')).toBe('Authorization: Bearer [token]');
    expect(redact('token=abcdEFGH1234 password: "hunter2"')).toBe('token=[token] password: "[token]"');
    expect(redact('jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl')).toBe('jwt [token]');
    expect(redact('session 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 revoked')).toBe('session [token] revoked');
    expect(redact('consumer 3f2504e0-4f89-11d3-9a0c-0305e82c3301 opened')).toBe('consumer [id] opened');
    expect(redact('opened CS0001234 and PSC0012345')).toBe('opened [case] and [case]');
  });

  it('keeps what is needed to read a log: times, versions, counts, channels', () => {
    const kept = 'pulled 250 changes in 1234 ms at 2025-03-04T05:06:07.000Z, Electron 41.7.1, cursor 42, channel caseway:token.save';
    expect(redact(kept)).toBe(kept);
  });
});

describe('buildCrashReport', () => {
  it('says what, where and which versions, with the redacted log lines', () => {
    const lines = [
      JSON.stringify({ time: '2025-03-04T05:06:07.000Z', level: 'info', source: 'renderer', msg: 'opened CS0001234 for ana@example.org' }),
      JSON.stringify({ time: '2025-03-04T05:06:08.000Z', level: 'error', source: 'main', msg: 'call from +61298765432 failed' }),
      'plain line about 3f2504e0-4f89-11d3-9a0c-0305e82c3301',
    ];
    const report = buildCrashReport({
      reason: 'renderer stopped: crashed',
      now: new Date('2025-03-04T05:07:00.000Z'),
      versions: { app: '0.1.0', electron: '41.7.1', chrome: '146.0.0.0', node: '22.0.0' },
      os: { platform: 'win32', release: '10.0.22631', arch: 'x64' },
      logLines: lines,
    });
    expect(report).toContain('App 0.1.0 · Electron 41.7.1 · Chrome 146.0.0.0 · Node 22.0.0');
    expect(report).toContain('OS: win32 10.0.22631 (x64)');
    expect(report).toContain('What happened: renderer stopped: crashed');
    expect(report).toContain('"time":"2025-03-04T05:06:07.000Z"');
    expect(report).toContain('opened [case] for [email]');
    expect(report).toContain('call from [phone] failed');
    expect(report).toContain('plain line about [id]');
    for (const secret of ['CS0001234', 'ana@example.org', '+61298765432', '3f2504e0']) expect(report).not.toContain(secret);
  });

  it('redacts a JSON line whose fields are not strings without failing', () => {
    expect(redactLogLine('{"time":"t","level":3,"msg":"x CS0001234"}')).toBe('{"time":"t","level":"","source":"","msg":"x [case]"}');
  });
});
