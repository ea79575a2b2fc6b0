/** The one error shape every API answer uses, from the store to the UI. */
import type { z } from 'zod';

export const errorCodes = {
  invalid: 'invalid',
  unauthenticated: 'unauthenticated',
  /** The device was revoked by an administrator: it must delete its local data (and report its queued work). */
  deviceRevoked: 'device_revoked',
  forbidden: 'forbidden',
  notFound: 'not_found',
  conflict: 'conflict',
  tooLarge: 'too_large',
  unsupportedMediaType: 'unsupported_media_type',
  rateLimited: 'rate_limited',
  internal: 'internal',
} as const;
export type ErrorCode = (typeof errorCodes)[keyof typeof errorCodes];

export type FieldIssue = { path: string; code: string; message: string };
export type ApiError = { error: { code: ErrorCode; message: string; issues: FieldIssue[] } };

/** `['customFields', 'depth']` → `customFields.depth`; array indexes as `[2]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, part) => {
    if (typeof part === 'number') return `${acc}[${part}]`;
    const name = String(part);
    return acc ? `${acc}.${name}` : name;
  }, '');
}

/** The value at `path` inside `input`, or undefined when any step is missing. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** Zod issues as field issues; a field that is missing altogether is reported as required. */
export function issuesFromZod(error: z.ZodError, prefix: string, input: unknown): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    const base = formatPath(issue.path);
    if (issue.code === 'invalid_type' && issue.path.length > 0 && valueAt(input, issue.path) === undefined) {
      return [{ path: join(prefix, base), code: 'required', message: 'is required' }];
    }
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((k) => ({ path: join(prefix, join(base, k)), code: 'unrecognized_key', message: `"${k}" is not a known field` }));
    }
    return [{ path: join(prefix, base), code: issue.code, message: issue.message }];
  });
}

function join(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  return b.startsWith('[') ? `${a}${b}` : `${a}.${b}`;
}

export function describeIssues(issues: readonly FieldIssue[]): string {
  return issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
}
