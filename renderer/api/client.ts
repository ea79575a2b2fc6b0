/** A small typed client for the central store's JSON API; errors come back as the shared ApiError. */
import type { ApiError, FieldIssue } from '../../shared/api/errors';

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: FieldIssue[],
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

function isApiError(value: unknown): value is ApiError {
  return typeof value === 'object' && value !== null && 'error' in value && typeof (value as ApiError).error?.message === 'string';
}

export async function apiRequest<T>(path: string, init: { method?: string; body?: unknown; token: string | null }): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let response: Response;
  try {
    response = await fetch(path, { method: init.method ?? 'GET', headers, body: init.body === undefined ? null : JSON.stringify(init.body) });
  } catch {
    throw new ApiRequestError(0, 'offline', 'the central store cannot be reached', []);
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    if (isApiError(payload)) throw new ApiRequestError(response.status, payload.error.code, payload.error.message, payload.error.issues);
    throw new ApiRequestError(response.status, 'internal', `the store answered ${response.status}`, []);
  }
  return payload as T;
}
