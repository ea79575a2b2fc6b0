/** The workspaces: CASEWAY_SERVER_URL's list and userData/workspaces.json, checked, merged and remembered. */
import { describe, expect, it } from 'vitest';
import type { TextFileStore } from './windowState';
import { builtInWorkspace, loadWorkspaces, maxWorkspaces, mergeWorkspaces, parseWorkspaceList, parseWorkspaceOrigin, resolveWorkspaces, saveOpenWorkspaces, workspaceLabel } from './workspaces';

const path = '/userData/workspaces.json';
const council = 'https://council.example.org';
const water = 'https://water.example.org:8443';

function memoryStore(initial?: string): TextFileStore & { text: () => string | null; writes: number } {
  let text = initial ?? null;
  const store = { writes: 0, text: () => text, read: () => text, write: (_path: string, next: string) => { text = next; store.writes += 1; } };
  return store;
}

const file = (workspaces: unknown[], open: unknown[] = []) => ({ version: 1 as const, workspaces, open });

describe('parseWorkspaceOrigin', () => {
  it('takes https origins anywhere and plain http on this machine only', () => {
    expect(parseWorkspaceOrigin('https://council.example.org')).toEqual({ ok: true, origin: council });
    expect(parseWorkspaceOrigin(' HTTPS://Council.Example.org/ ')).toEqual({ ok: true, origin: council });
    expect(parseWorkspaceOrigin('https://water.example.org:8443')).toEqual({ ok: true, origin: water });
    expect(parseWorkspaceOrigin('https://council.example.org:443')).toEqual({ ok: true, origin: council });
    expect(parseWorkspaceOrigin('http://localhost:4310')).toEqual({ ok: true, origin: 'http://localhost:4310' });
    expect(parseWorkspaceOrigin('http://127.0.0.1:4310/')).toEqual({ ok: true, origin: 'http://127.0.0.1:4310' });
  });

  it('refuses anything else with a reason', () => {
    const reasonOf = (text: string) => {
      const result = parseWorkspaceOrigin(text);
      return result.ok ? 'accepted' : result.reason;
    };
    expect(reasonOf('http://council.example.org')).toMatch(/^not https/);
    expect(reasonOf('http://localhost.evil.example')).toMatch(/^not https/);
    expect(reasonOf('http://192.168.1.10:4310')).toMatch(/^not https/);
    expect(reasonOf('file:///C:/caseway/index.html')).toMatch(/^not https/);
    expect(reasonOf('caseway://case/CS0001234')).toMatch(/^not https/);
    expect(reasonOf('council.example.org')).toBe('not a URL');
    expect(reasonOf('')).toBe('not a URL');
    expect(reasonOf('https://ana:secret@council.example.org')).toBe('carries a user name or password');
    expect(reasonOf('https://council.example.org/caseway/')).toMatch(/no path, query or fragment/);
    expect(reasonOf('https://council.example.org/?tenant=1')).toMatch(/no path, query or fragment/);
    expect(reasonOf('https://council.example.org/#x')).toMatch(/no path, query or fragment/);
  });
});

describe('parseWorkspaceList', () => {
  it('reads one origin or a comma-separated list, skipping blanks, and names refused entries without their secrets', () => {
    expect(parseWorkspaceList(undefined)).toEqual({ origins: [], refusals: [] });
    expect(parseWorkspaceList('  ')).toEqual({ origins: [], refusals: [] });
    expect(parseWorkspaceList(council).origins).toEqual([council]);
    const parsed = parseWorkspaceList(`${council}, ${water},,http://intranet.example.org/x?y=1, https://ana:pw@secret.example.org, nonsense`);
    expect(parsed.origins).toEqual([council, water]);
    expect(parsed.refusals.map((r) => [r.source, r.entry])).toEqual([
      ['CASEWAY_SERVER_URL', 'http://intranet.example.org'],
      ['CASEWAY_SERVER_URL', 'https://secret.example.org'],
      ['CASEWAY_SERVER_URL', 'entry 5'],
    ]);
    expect(JSON.stringify(parsed.refusals)).not.toContain('pw');
  });
});

describe('mergeWorkspaces', () => {
  it('keeps the configured order first, one entry per origin, at most the limit', () => {
    expect(mergeWorkspaces([council, water], [water, 'https://a.example', council], 20)).toEqual({ workspaces: [council, water, 'https://a.example'], refusals: [] });
    const many = Array.from({ length: 25 }, (_, n) => `https://w${n}.example`);
    const merged = mergeWorkspaces([council], many, maxWorkspaces);
    expect(merged.workspaces).toHaveLength(maxWorkspaces);
    expect(merged.workspaces[0]).toBe(council);
    expect(merged.refusals).toHaveLength(6);
    expect(merged.refusals[0]).toEqual({ source: 'workspaces.json', entry: 'https://w19.example', reason: 'more than 20 workspaces' });
  });
});

describe('resolveWorkspaces', () => {
  it('takes the environment’s first valid origin as the default and adds the saved ones', () => {
    const config = resolveWorkspaces(`http://plain.example.org, ${council}, ${water}`, file(['https://a.example', council, 42]));
    expect(config.defaultWorkspace).toBe(council);
    expect(config.workspaces).toEqual([council, water, 'https://a.example']);
    expect(config.refusals.map((r) => `${r.source} ${r.entry}: ${r.reason}`)).toEqual(['CASEWAY_SERVER_URL http://plain.example.org: not https (plain http only on localhost or 127.0.0.1)', 'workspaces.json entry 3: not a string']);
  });

  it('falls back to the built-in development store only when nothing is configured', () => {
    expect(resolveWorkspaces(undefined, file([]))).toMatchObject({ workspaces: [builtInWorkspace], defaultWorkspace: builtInWorkspace });
    expect(resolveWorkspaces(undefined, file([council]))).toMatchObject({ workspaces: [council], defaultWorkspace: council });
    expect(resolveWorkspaces('http://plain.example.org', file([]))).toMatchObject({ workspaces: [builtInWorkspace], defaultWorkspace: builtInWorkspace });
    // A packaged app falls back to its own store (its baked update feed's origin), not to localhost.
    expect(resolveWorkspaces(undefined, file([]), council)).toMatchObject({ workspaces: [council], defaultWorkspace: council });
    expect(resolveWorkspaces(water, file([]), council)).toMatchObject({ workspaces: [water], defaultWorkspace: water });
  });

  it('reopens only the remembered windows of workspaces still configured', () => {
    const config = resolveWorkspaces(council, file([water], [water, 'https://gone.example', council, `${council}/`, 7]));
    expect(config.reopen).toEqual([water, council]);
  });
});

describe('loadWorkspaces and saveOpenWorkspaces', () => {
  it('tolerates a missing or corrupt file, logging the corrupt one and every refusal', () => {
    const logs: string[] = [];
    const log = (level: 'info' | 'warn', message: string) => logs.push(`${level}: ${message}`);
    expect(loadWorkspaces({ store: memoryStore(), path, environment: council, log })).toEqual({ workspaces: [council], defaultWorkspace: council, reopen: [], refusals: [] });
    expect(logs).toEqual([]);
    for (const text of ['{not json', '{"version":2,"workspaces":[]}', '[]']) expect(loadWorkspaces({ store: memoryStore(text), path, environment: council, log }).workspaces).toEqual([council]);
    expect(logs).toHaveLength(3);
    expect(logs[0]).toMatch(/^warn: workspaces\.json is not readable/);
    logs.length = 0;
    loadWorkspaces({ store: memoryStore(JSON.stringify(file(['http://plain.example.org']))), path, environment: council, log });
    expect(logs).toEqual(['warn: workspace http://plain.example.org from workspaces.json refused: not https (plain http only on localhost or 127.0.0.1)']);
  });

  it('never throws when the file cannot be read', () => {
    const store: TextFileStore = { read: () => { throw new Error('EACCES'); }, write: () => undefined };
    expect(loadWorkspaces({ store, path, environment: undefined, log: () => undefined }).defaultWorkspace).toBe(builtInWorkspace);
  });

  it('remembers the open windows and keeps the saved list as it was', () => {
    const store = memoryStore(JSON.stringify(file([water, 'http://plain.example.org'])));
    expect(saveOpenWorkspaces(store, path, [council, water], () => undefined)).toBe(true);
    expect(JSON.parse(store.text() ?? '')).toEqual({ version: 1, workspaces: [water, 'http://plain.example.org'], open: [council, water] });
    expect(loadWorkspaces({ store, path, environment: council, log: () => undefined })).toMatchObject({ workspaces: [council, water], reopen: [council, water] });
    const fresh = memoryStore();
    saveOpenWorkspaces(fresh, path, [council], () => undefined);
    expect(JSON.parse(fresh.text() ?? '')).toEqual({ version: 1, workspaces: [], open: [council] });
  });

  it('leaves a corrupt file alone and reports a failed write instead of throwing', () => {
    const errors: unknown[] = [];
    const corrupt = memoryStore('{"workspaces": [');
    expect(saveOpenWorkspaces(corrupt, path, [council], (e) => errors.push(e))).toBe(false);
    expect(corrupt.text()).toBe('{"workspaces": [');
    const full: TextFileStore = { read: () => null, write: () => { throw new Error('ENOSPC'); } };
    expect(saveOpenWorkspaces(full, path, [council], (e) => errors.push(e))).toBe(false);
    expect(errors.map(String)).toEqual([expect.stringMatching(/not readable/), 'Error: ENOSPC']);
  });
});

describe('workspaceLabel', () => {
  it('names a workspace by its host and port', () => {
    expect(workspaceLabel(council)).toBe('council.example.org');
    expect(workspaceLabel(water)).toBe('water.example.org:8443');
    expect(workspaceLabel('http://localhost:4310')).toBe('localhost:4310');
  });
});
