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

  it('removes a digit run of 8 or more digits whatever its length, also numbers side by side', () => {
    expect(redact('0412 345 678 0498 765 432')).toBe('[phone]');
    expect(redact('ids 123456 0412345678')).toBe('ids [phone]');
    expect(redact('card 4111 1111 1111 1111 0000')).toBe('card [phone]');
    expect(redact('n=12345678901234567890')).toBe('n=[phone]');
    expect(redact('call 0412345678, then 1234567')).toBe('call [phone], then 1234567');
  });

  it('does not let a date keep the number after it, and keeps the date readable', () => {
    expect(redact('2024-01-15 0412 345 678')).toBe('2024-01-15 [phone]');
    expect(redact('2024-01-15T09:30:00.000Z 0412345678 called')).toBe('2024-01-15T09:30:00.000Z [phone] called');
    expect(redact('0412 345 678 2024-01-15')).toBe('[phone] 2024-01-15');
    expect(redact('on 2024-01-15-0412345678')).toBe('on 2024-01-15-[phone]');
    expect(redact('20240115 0412')).toBe('[phone]');
  });

  it('sees through other separators: no-break and other spaces, dashes, zero-width and bidi characters', () => {
    for (const separator of ['\u00a0', '\u202f', '\u2009', '\u3000', '\t', '\u2013', '\u2011', '\u200b', '\u2060', '\u202e', '.', '+']) {
      expect([JSON.stringify(separator), redact(`call 0412${separator}345${separator}678`)]).toEqual([JSON.stringify(separator), 'call [phone]']);
    }
    expect(redact('call \uff10\uff14\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18')).toBe('call [phone]');
  });

  it('percent-decodes before redacting, without failing on a malformed escape', () => {
    expect(redact('from=+61%20412%20345%20678')).toBe('from=[phone]');
    expect(redact('from=0412%C2%A0345%C2%A0678')).toBe('from=[phone]');
    expect(redact('from=0412%0A345%0A678')).toBe('from=[phone]');
    expect(redact('Authorization: Bearer%20cw_abc.DEF-123')).toBe('Authorization: Bearer [token]');
    expect(redact('to jane%40example.org')).toBe('to [email]');
    expect(redact('to jane%2540example.org')).toBe('to [email]');
    expect(redact('bad %E0%A4%A escape, jane%40example.org, 100% done')).toBe('bad %E0%A4%A escape, [email], 100% done');
    expect(redact('half %E2%80 then %40 and jane%40example.org')).toBe('half %E2%80 then @ and [email]');
  });

  it('finds secrets under any key that names one: snake_case, camelCase, headers and common URL keys', () => {
    const url = 'https://council.example.org/cb?access_token=abc123&state=open&sessionToken=s3ss&code=4/0Adeu5&sig=x9&key=k1&auth=a1&password=p1&client_secret=c1&errorCode=E42';
    expect(redact(url)).toBe('https://council.example.org/cb?access_token=[token]&state=open&sessionToken=[token]&code=[token]&sig=[token]&key=[token]&auth=[token]&password=[token]&client_secret=[token]&errorCode=E42');
    expect(redact('{"refresh_token":"r1","accessToken":"a b c","count":3}')).toBe('{"refresh_token":"[token]","accessToken":"[token]","count":3}');
    expect(redact('X-Api-Key: k-123 and APIKey=k2 and accesstoken=t3 and db.password = hunter2')).toBe('X-Api-Key: [token] and APIKey=[token] and accesstoken=[token] and db.password = [token]');
    expect(redact('Cookie: sid=abc; theme=dark')).toBe('Cookie: [token]');
    expect(redact('exit code 139, status=500, keyboard=us, channel caseway:token.save')).toBe('exit code 139, status=500, keyboard=us, channel caseway:token.save');
  });

  it('finds emails with non-ASCII letters and case numbers in any case', () => {
    expect(redact('from josé.müller@exämple.de and 李雷@例子.中国')).toBe('from [email] and [email]');
    expect(redact('opened cs0001234 and Psc0012345')).toBe('opened [case] and [case]');
  });

  it('keeps timestamps readable in their usual forms', () => {
    for (const time of ['2025-03-04T05:06:07.000Z', '2025-03-04T05:06:07+10:00', '2025-03-04 05:06:07', '2025-03-04 05:06', '2025-03-04']) {
      expect(redact(`[${time}] synced 0412345678`)).toBe(`[${time}] synced [phone]`);
    }
  });

  it('is idempotent, so lines redacted when logged can be redacted again in a report', () => {
    const once = redact('Bearer abc token=x password: "p w" jane@example.org 0412 345 678 cs0001234 3f2504e0-4f89-11d3-9a0c-0305e82c3301 ?code=1');
    expect(redact(once)).toBe(once);
    for (const secret of ['abc', 'p w', 'jane', '0412', '0001234', '3f2504e0']) expect(once).not.toContain(secret);
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

  it('keeps a log line\'s own time field and redacts a number right after a date in its message', () => {
    const line = JSON.stringify({ time: '2025-03-04T05:06:07.000Z', level: 'warn', source: 'renderer', msg: 'callback 2024-01-15 0412 345 678 at ?access_token=abc' });
    expect(redactLogLine(line)).toBe(JSON.stringify({ time: '2025-03-04T05:06:07.000Z', level: 'warn', source: 'renderer', msg: 'callback 2024-01-15 [phone] at ?access_token=[token]' }));
    expect(redactLogLine(JSON.stringify({ time: 'call 0412345678', level: 'info', msg: 'x' }))).toBe('{"time":"call [phone]","level":"info","source":"","msg":"x"}');
  });

  it('redacts a JSON line whose fields are not strings without failing', () => {
    expect(redactLogLine('{"time":"t","level":3,"msg":"x CS0001234"}')).toBe('{"time":"t","level":"","source":"","msg":"x [case]"}');
  });
});
