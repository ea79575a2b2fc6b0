/**
 * The renderer's Content-Security-Policy (DESIGN §1: "a strict CSP"), written once. The store
 * sends it as a header with the renderer's files (server/http/securityHeaders.ts) and
 * renderer/index.html carries the same directives in a <meta> tag, so the policy also holds where
 * the page is opened without the store's headers; an architecture test keeps the two equal.
 *
 * Why each source is there:
 * - scripts and workers (sync engine, search index, service worker) are files of the build: 'self';
 * - the sync WebSocket and the API go to the page's own origin, which 'self' covers (CSP 3
 *   matches ws:/wss: of the same host), so no other host can receive data;
 * - images: the build's own, attachments and photos shown from IndexedDB blobs (blob:), and the
 *   drawn sign-off exported by the signature pad (data:);
 * - styles: the build's stylesheet; React and recharts set inline styles through the CSSOM
 *   (element.style), which CSP does not restrict, so no 'unsafe-inline' is needed.
 */
export const contentSecurityPolicyDirectives = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['worker-src', "'self'"],
  ['connect-src', "'self'"],
  ['img-src', "'self' blob: data:"],
  ['style-src', "'self'"],
  ['font-src', "'self'"],
  ['object-src', "'none'"],
  ['frame-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'self'"],
] as const;

/** Directives browsers ignore in a <meta> policy (and warn about): sent only as a header. */
export const headerOnlyDirectives = [['frame-ancestors', "'none'"]] as const;

function serialise(directives: readonly (readonly [string, string])[]): string {
  return directives.map(([name, value]) => `${name} ${value}`).join('; ');
}

/** The policy of renderer/index.html's <meta http-equiv="Content-Security-Policy">. */
export const metaContentSecurityPolicy = serialise(contentSecurityPolicyDirectives);

/** The policy the store sends as the Content-Security-Policy header with the renderer's files. */
export const headerContentSecurityPolicy = serialise([...contentSecurityPolicyDirectives, ...headerOnlyDirectives]);
