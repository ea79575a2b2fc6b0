/**
 * Attachments (SPEC A1–A3): a photo taken offline is kept as a blob, its upload resumes after an
 * interruption with only the missing chunks, and another device downloads it on demand. Bad sizes
 * and types are refused with a clear error before anything is stored.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordTable } from '../../renderer/db/database';
import { attachFile, attachmentContent } from '../../renderer/sync/attachments';
import { MutationInputError } from '../../renderer/sync/mutate';
import { attachmentChunkBytes } from '../../shared/domain/attachment';
import { call, startHarness, type Harness } from '../support/harness';
import { engineDevice } from '../support/engineDevice';
import { backends } from '../support/stores';

describe.each(backends)('attachments on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend, 60);
  });
  afterAll(async () => h?.close());

  it('A1/A2: a photo taken offline survives a restart and uploads once, resuming after an interruption', async () => {
    let chunkPuts = 0;
    let failAfter = 1;
    let device = await engineDevice(h, 'riv.agent', {
      wrapAttachments: (t) => ({
        ...t,
        putChunk: async (id, index, data) => {
          if (failAfter-- <= 0) throw new Error('connection dropped');
          chunkPuts++;
          await t.putChunk(id, index, data);
        },
      }),
    });
    await device.engine.syncNow();
    const c = (await recordTable(device.db, 'case').toArray()).find((x) => x.closedAt === null);
    const bytes = randomBytes(attachmentChunkBytes * 2 + 1234);
    device.setOffline(true);
    const id = await attachFile(device.db, (name, args) => device.mutate(name, args), { caseId: String(c?.id), taskId: null, file: new Blob([bytes]), fileName: 'pothole.jpg', contentType: 'image/jpeg' });
    expect(await recordTable(device.db, 'attachment').get(id)).toMatchObject({ fileName: 'pothole.jpg', state: 'pending', sizeBytes: bytes.length });
    device = await device.restart();
    expect((await device.db.blobs.get(id))?.state).toBe('pending');
    device.setOffline(false);
    await expect(device.engine.syncNow()).rejects.toThrow(/dropped/);
    expect(chunkPuts).toBe(1);
    failAfter = 100;
    await device.engine.syncNow();
    expect(chunkPuts).toBe(3);
    expect((await device.db.blobs.get(id))?.state).toBe('uploaded');
    expect(await recordTable(device.db, 'attachment').get(id)).toMatchObject({ state: 'uploaded', sha256: createHash('sha256').update(bytes).digest('hex') });

    const other = await engineDevice(h, 'riv.supervisor');
    await other.engine.syncNow();
    const downloaded = await attachmentContent(other.db, other.attachments, id);
    expect(Buffer.from(await downloaded.arrayBuffer()).equals(bytes)).toBe(true);
    expect((await other.db.blobs.get(id))?.state).toBe('downloaded');
  });

  it('A3: a file too large or of a refused type is refused with a clear error and nothing is kept', async () => {
    const device = await engineDevice(h, 'riv.agent');
    await device.engine.syncNow();
    const c = (await recordTable(device.db, 'case').toArray())[0];
    const big = { size: 30 * 1024 * 1024 } as Blob;
    await expect(attachFile(device.db, (n, a) => device.mutate(n, a), { caseId: String(c?.id), taskId: null, file: big, fileName: 'scan.pdf', contentType: 'application/pdf' })).rejects.toThrow(/sizeBytes: must be at most 25 MiB/);
    const exe = attachFile(device.db, (n, a) => device.mutate(n, a), { caseId: String(c?.id), taskId: null, file: new Blob(['MZ']), fileName: 'setup.exe', contentType: 'application/x-msdownload' });
    await expect(exe).rejects.toBeInstanceOf(MutationInputError);
    await expect(exe).rejects.toThrow(/contentType/);
    expect(await device.db.blobs.count()).toBe(0);
    expect(await device.db.outbox.count()).toBe(0);
  });

  it('A2: the store refuses chunks of the wrong size, content from others, and a wrong checksum', async () => {
    const device = await engineDevice(h, 'riv.agent');
    await device.engine.syncNow();
    const c = (await recordTable(device.db, 'case').toArray())[0];
    const id = await attachFile(device.db, (n, a) => device.mutate(n, a), { caseId: String(c?.id), taskId: null, file: new Blob([randomBytes(1000)]), fileName: 'note.txt', contentType: 'text/plain' });
    await device.engine.pushOnce();
    const wrongSize = await fetch(`${h.baseUrl}/api/attachments/${id}/chunks/0`, { method: 'PUT', headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${device.token}` }, body: new Uint8Array(10) });
    expect(wrongSize.status).toBe(400);
    expect((await wrongSize.json()).error.issues[0].path).toBe('body');
    const other = await engineDevice(h, 'sofia.rossi');
    const foreign = await fetch(`${h.baseUrl}/api/attachments/${id}/chunks/0`, { method: 'PUT', headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${other.token}` }, body: new Uint8Array(1000) });
    expect([403, 404]).toContain(foreign.status);
    await device.attachments.putChunk(id, 0, new Uint8Array(1000).buffer);
    const bad = await call(h, 'POST', `/api/attachments/${id}/complete`, { token: device.token, body: { sha256: 'a'.repeat(64) } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe('sha256');
    const edit = await call(h, 'PATCH', `/api/records/attachment/${id}`, { token: device.token, body: { state: 'uploaded' } });
    expect(edit.status).toBe(400);
  });
});
