/** The renderer's CSP is written once (shared/security) and index.html's <meta> carries exactly it. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { headerContentSecurityPolicy, metaContentSecurityPolicy } from '../../shared/security/contentSecurityPolicy';

describe('content security policy', () => {
  it('index.html carries the shared policy', () => {
    const html = readFileSync('renderer/index.html', 'utf8');
    const metas = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/g)].map((m) => m[1]);
    expect(metas).toEqual([metaContentSecurityPolicy]);
  });

  it('allows no inline script, no eval, no other host, no plugins, no framing', () => {
    expect(headerContentSecurityPolicy).not.toMatch(/unsafe-|\*|https?:|wss?:/);
    expect(headerContentSecurityPolicy).toContain("script-src 'self'");
    expect(headerContentSecurityPolicy).toContain("object-src 'none'");
    expect(headerContentSecurityPolicy).toContain("base-uri 'none'");
    expect(headerContentSecurityPolicy).toContain("frame-ancestors 'none'");
    // Browsers ignore frame-ancestors in a <meta> policy and warn about it in the console.
    expect(metaContentSecurityPolicy).not.toContain('frame-ancestors');
  });
});
