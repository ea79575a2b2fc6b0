/**
 * The desktop app's update feed (server/routes/updateRoutes.ts) through the real HTTP server:
 * electron-builder's generic-provider files are served publicly from CASEWAY_UPDATES_DIR, nothing
 * outside that folder or of another kind is reachable, and without the folder the feed is a 404.
 * Also the security headers every response carries (server/http/securityHeaders.ts).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { apiContentSecurityPolicy } from '../../server/http/securityHeaders';
import { isSafeUpdateFileName } from '../../server/routes/updateRoutes';
import { headerContentSecurityPolicy } from '../../shared/security/contentSecurityPolicy';
import { startHarness, type Harness } from '../support/harness';
import { backends, useFreshStore } from '../support/stores';

const latestYml = 'version: 0.2.0\nfiles:\n  - url: Caseway-Setup-0.2.0.exe\n    sha512: abc\n    size: 6\npath: Caseway-Setup-0.2.0.exe\n';

/** A GET with the path sent exactly as written (fetch would normalise `..` away). */
function rawGet(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  const url = new URL(baseUrl);
  return new Promise((resolvePromise, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('update file names', () => {
  it('accepts the names electron-builder publishes and nothing else', () => {
    for (const name of ['latest.yml', 'latest-mac.yml', 'Caseway-Setup-0.2.0.exe', 'Caseway-Setup-0.2.0.exe.blockmap', 'Caseway-0.2.0-arm64.dmg', 'Caseway-0.2.0-arm64-mac.zip']) expect(isSafeUpdateFileName(name), name).toBe(true);
    for (const name of ['../package.json', '..', '.env.yml', 'a/b.yml', 'a\\b.yml', '..latest.yml', 'latest..yml', 'secret.txt', 'latest.yml\0.exe', '', ' latest.yml', '%2e%2e.yml', `${'a'.repeat(201)}.yml`]) expect(isSafeUpdateFileName(name), name).toBe(false);
  });
});

describe.each(backends)('update feed on $name', (backend) => {
  let h: Harness;
  let root: string;
  let feed: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'caseway-updates-'));
    feed = join(root, 'feed');
    mkdirSync(feed);
    writeFileSync(join(feed, 'latest.yml'), latestYml);
    writeFileSync(join(feed, 'Caseway-Setup-0.2.0.exe'), 'MZ-exe');
    writeFileSync(join(feed, '.hidden.yml'), 'hidden content');
    writeFileSync(join(root, 'outside.yml'), 'outside the feed');
    process.env.CASEWAY_UPDATES_DIR = feed;
    h = await startHarness(backend, 5);
  });
  afterAll(async () => {
    delete process.env.CASEWAY_UPDATES_DIR;
    await h?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves latest.yml and the installer without a session, the feed uncached', async () => {
    const yml = await fetch(`${h.baseUrl}/updates/latest.yml`);
    expect(yml.status).toBe(200);
    expect(await yml.text()).toBe(latestYml);
    expect(yml.headers.get('cache-control')).toBe('no-cache');
    const exe = await fetch(`${h.baseUrl}/updates/Caseway-Setup-0.2.0.exe`);
    expect(exe.status).toBe(200);
    expect(await exe.text()).toBe('MZ-exe');
  });

  it('answers byte ranges (differential downloads)', async () => {
    const part = await fetch(`${h.baseUrl}/updates/Caseway-Setup-0.2.0.exe`, { headers: { range: 'bytes=0-1' } });
    expect(part.status).toBe(206);
    expect(await part.text()).toBe('MZ');
  });

  it('answers 404 for a missing file, a dot file, another kind of file and any way out of the folder', async () => {
    expect((await fetch(`${h.baseUrl}/updates/latest-mac.yml`)).status).toBe(404);
    for (const path of ['/updates/.hidden.yml', '/updates/..%2foutside.yml', '/updates/%2e%2e%2foutside.yml', '/updates/..%5coutside.yml', '/updates/../outside.yml', '/updates/feed/../../outside.yml', '/updates/%2e%2e', '/updates/secret.txt', '/updates/latest.yml%00.exe']) {
      const reply = await rawGet(h.baseUrl, path);
      expect(reply.status, path).toBe(404);
      expect(reply.body, path).not.toContain('outside the feed');
      expect(reply.body, path).not.toContain('hidden content');
    }
  });

  it('sends the security headers, and the renderer policy outside the API', async () => {
    const feedReply = await fetch(`${h.baseUrl}/updates/latest.yml`);
    expect(feedReply.headers.get('x-content-type-options')).toBe('nosniff');
    expect(feedReply.headers.get('content-security-policy')).toBe(headerContentSecurityPolicy);
    const api = await fetch(`${h.baseUrl}/api/health`);
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
    expect(api.headers.get('content-security-policy')).toBe(apiContentSecurityPolicy);
  });
});

describe('update feed without CASEWAY_UPDATES_DIR', () => {
  const store = useFreshStore();

  it('answers 404, also beside the renderer build', async () => {
    const rendererDir = mkdtempSync(join(tmpdir(), 'caseway-renderer-'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Caseway</title>');
    delete process.env.CASEWAY_UPDATES_DIR;
    const app = await buildApp({ store: store(), rendererDir, logLevel: 'silent', bodyLimitBytes: 1024 });
    const feed = await app.inject({ method: 'GET', url: '/updates/latest.yml' });
    expect(feed.statusCode).toBe(404);
    expect(feed.json().error.code).toBe('not_found');
    const page = await app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toBe(headerContentSecurityPolicy);
    await app.close();
    rmSync(rendererDir, { recursive: true, force: true });
  });

  it('serves the feed beside the renderer build when configured', async () => {
    const rendererDir = mkdtempSync(join(tmpdir(), 'caseway-renderer-'));
    const feed = mkdtempSync(join(tmpdir(), 'caseway-feed-'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Caseway</title>');
    writeFileSync(join(feed, 'latest-mac.yml'), 'version: 0.2.0\n');
    process.env.CASEWAY_UPDATES_DIR = feed;
    const app = await buildApp({ store: store(), rendererDir, logLevel: 'silent', bodyLimitBytes: 1024 });
    delete process.env.CASEWAY_UPDATES_DIR;
    expect((await app.inject({ method: 'GET', url: '/updates/latest-mac.yml' })).body).toBe('version: 0.2.0\n');
    expect((await app.inject({ method: 'GET', url: '/index.html' })).statusCode).toBe(200);
    await app.close();
    rmSync(rendererDir, { recursive: true, force: true });
    rmSync(feed, { recursive: true, force: true });
  });
});
