/** Guards of the HTTP layer itself: every route declares its access; a 5xx never leaks internals. */
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { backends, useFreshStore } from '../support/stores';

describe('server safety', () => {
  const store = useFreshStore();

  it('refuses to register an API route that declares no access', async () => {
    const app = await buildApp({ store: store(), rendererDir: null, logLevel: 'silent', bodyLimitBytes: 1024 });
    expect(() => app.get('/api/unguarded', () => 'x')).toThrow(/declares no access/);
    await app.close();
  });

  it('answers a failure inside the store with a 500 that carries no stack or internal message', async () => {
    const { store: broken, dispose: disposeBroken } = await (backends[0] as NonNullable<(typeof backends)[0]>).open();
    const app = await buildApp({ store: broken, rendererDir: null, logLevel: 'silent', bodyLimitBytes: 1024 * 1024 });
    await broken.close();
    const reply = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x', password: 'y' } });
    expect(reply.statusCode).toBe(500);
    expect(reply.json()).toEqual({ error: { code: 'internal', message: 'internal error; it has been logged', issues: [] } });
    expect(reply.body).not.toMatch(/\bat \w|node_modules|\.ts:/);
    await app.close();
    await disposeBroken().catch(() => undefined);
  });
});
