/** The rotating log on the real file system, in a temporary folder. */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeBinaryFileStore } from './files';
import { createRotatingLog, logFilePath, openLogFolder } from './logging';

let dir = '';
beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'caseway-log-')), 'logs');
});
afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

const now = () => new Date('2025-03-04T05:06:07.000Z');

describe('rotating log', () => {
  it('writes JSON lines from main and the renderer, creating the folder', () => {
    const log = createRotatingLog({ dir, baseName: 'caseway', maxBytes: 10_000, maxFiles: 3, now });
    log.write('info', 'main', 'started');
    log.write('error', 'renderer', 'sync failed');
    const lines = readFileSync(join(dir, 'caseway.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { time: '2025-03-04T05:06:07.000Z', level: 'info', source: 'main', msg: 'started' },
      { time: '2025-03-04T05:06:07.000Z', level: 'error', source: 'renderer', msg: 'sync failed' },
    ]);
  });

  it('rotates by size and keeps maxFiles files, the newest lines readable by tail', () => {
    const log = createRotatingLog({ dir, baseName: 'caseway', maxBytes: 1_000, maxFiles: 3, now });
    for (let n = 0; n < 100; n += 1) log.write('info', 'main', `line ${n} ${'x'.repeat(40)}`);
    expect(readdirSync(dir).sort()).toEqual(['caseway.1.log', 'caseway.2.log', 'caseway.log']);
    for (let index = 0; index < 3; index += 1) expect(statSync(logFilePath({ dir, baseName: 'caseway' }, index)).size).toBeLessThanOrEqual(1_000);
    // About nine lines fit in a file: the last twelve span the current file and the one before.
    const tail = log.tail(12).map((l) => JSON.parse(l).msg as string);
    expect(tail.map((msg) => msg.split(' ')[1])).toEqual(['88', '89', '90', '91', '92', '93', '94', '95', '96', '97', '98', '99']);
  });

  it('carries on after a restart from the size already on disk', () => {
    createRotatingLog({ dir, baseName: 'caseway', maxBytes: 300, maxFiles: 2, now }).write('info', 'main', 'x'.repeat(200));
    createRotatingLog({ dir, baseName: 'caseway', maxBytes: 300, maxFiles: 2, now }).write('info', 'main', 'after restart');
    expect(readFileSync(join(dir, 'caseway.log'), 'utf8')).toContain('after restart');
    expect(existsSync(join(dir, 'caseway.1.log'))).toBe(true);
  });

  it('never throws when the folder cannot be written', () => {
    // The folder's parent is a file, so neither the folder nor the log can be created.
    writeFileSync(join(dir, '..', 'a-file'), '');
    const log = createRotatingLog({ dir: join(dir, '..', 'a-file', 'logs'), baseName: 'caseway', maxBytes: 300, maxFiles: 2, now });
    expect(() => log.write('info', 'main', 'lost')).not.toThrow();
    expect(log.tail(5)).toEqual([]);
  });

  it('opens the log folder through the injected shell.openPath and reports its error', async () => {
    const log = createRotatingLog({ dir, baseName: 'caseway', maxBytes: 300, maxFiles: 2, now });
    const opened: string[] = [];
    await expect(openLogFolder(async (path) => (opened.push(path), ''), log)).resolves.toEqual({ ok: true });
    expect(opened).toEqual([dir]);
    expect(existsSync(dir)).toBe(true);
    await expect(openLogFolder(async () => 'Failed to open path', log)).resolves.toEqual({ ok: false, error: 'Failed to open path' });
  });
});

// Modes are POSIX permissions; Windows keeps userData private through the profile's ACLs.
const modeOf = (path: string): number => statSync(path).mode & 0o777;

describe.skipIf(process.platform === 'win32')('file modes (POSIX)', () => {
  it('creates the log folder for the OS user only and each log file readable by the OS user only, also after rotating', () => {
    const log = createRotatingLog({ dir, baseName: 'caseway', maxBytes: 300, maxFiles: 3, now });
    for (let n = 0; n < 10; n += 1) log.write('info', 'main', `line ${n} ${'x'.repeat(60)}`);
    expect(modeOf(dir)).toBe(0o700);
    expect(readdirSync(dir).sort()).toEqual(['caseway.1.log', 'caseway.2.log', 'caseway.log']);
    for (const file of readdirSync(dir)) expect([file, modeOf(join(dir, file))]).toEqual([file, 0o600]);
  });

  it('tightens a log folder and log files left readable by an older version', () => {
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, 'caseway.log'), '', { mode: 0o644 });
    chmodSync(join(dir, 'caseway.log'), 0o644);
    writeFileSync(join(dir, 'caseway.1.log'), '', { mode: 0o644 });
    chmodSync(join(dir, 'caseway.1.log'), 0o644);
    createRotatingLog({ dir, baseName: 'caseway', maxBytes: 300, maxFiles: 3, now }).write('info', 'main', 'started');
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(join(dir, 'caseway.log'))).toBe(0o600);
    expect(modeOf(join(dir, 'caseway.1.log'))).toBe(0o600);
  });

  it('opening the log folder creates it for the OS user only', async () => {
    const log = createRotatingLog({ dir, baseName: 'caseway', maxBytes: 300, maxFiles: 2, now });
    await openLogFolder(async () => '', log);
    expect(modeOf(dir)).toBe(0o700);
  });

  // files.ts has no test file of its own yet; its token store's folder is checked here with the other modes.
  it('creates the session-token folder for the OS user only and the token file 0600', () => {
    const tokens = join(dir, '..', 'session-tokens');
    nodeBinaryFileStore.write(join(tokens, 'session-token-x.bin'), Buffer.from('sealed'));
    expect(modeOf(tokens)).toBe(0o700);
    expect(modeOf(join(tokens, 'session-token-x.bin'))).toBe(0o600);
  });
});
