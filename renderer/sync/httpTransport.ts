/** The engine's transport over the central store's HTTP API (fetch; works in a worker and in Node). */
import type { ApiError } from '../../shared/api/errors';
import type { PullRequest, PullResponse, PushRequest, PushResponse } from '../../shared/sync/protocol';
import type { AttachmentTransport } from './attachments';
import type { SyncTransport } from './engine';

export class TransportError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }

  /** The store could not be reached or failed; trying again later may succeed. */
  get isRetryable(): boolean {
    return this.status === 0 || this.status >= 500;
  }
}

export function httpTransport(baseUrl: string, token: () => string | null): SyncTransport & AttachmentTransport {
  async function send(method: string, path: string, body: BodyInit | null, contentType: string | null): Promise<Response> {
    const auth = token();
    const headers: Record<string, string> = { ...(contentType ? { 'content-type': contentType } : {}), ...(auth ? { authorization: `Bearer ${auth}` } : {}) };
    let response: Response;
    try {
      response = await fetch(`${baseUrl}${path}`, { method, headers, body });
    } catch {
      throw new TransportError(0, 'offline', 'the central store cannot be reached');
    }
    if (!response.ok) {
      const payload: unknown = await response.json().catch(() => null);
      const error = (payload as ApiError | null)?.error;
      throw new TransportError(response.status, error?.code ?? 'internal', error?.message ?? `the store answered ${response.status}`);
    }
    return response;
  }
  const json = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await send(method, path, body === undefined ? null : JSON.stringify(body), body === undefined ? null : 'application/json');
    return (response.status === 204 ? undefined : await response.json()) as T;
  };
  return {
    push: (request: PushRequest) => json<PushResponse>('POST', '/api/sync/push', request),
    pull: (request: PullRequest) => json<PullResponse>('POST', '/api/sync/pull', request),
    uploadStatus: (id) => json('GET', `/api/attachments/${id}/upload`),
    putChunk: async (id, index, data) => {
      await send('PUT', `/api/attachments/${id}/chunks/${index}`, data, 'application/octet-stream');
    },
    complete: async (id, sha256) => {
      await json('POST', `/api/attachments/${id}/complete`, { sha256 });
    },
    download: async (id) => (await send('GET', `/api/attachments/${id}/content`, null, null)).blob(),
  };
}
