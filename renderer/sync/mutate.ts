/**
 * The one way the workstation changes data (SPEC M1, D1): validate the intent with the shared
 * schema, apply it to the cache at once, and queue it durably, all in one transaction, so a
 * closed window or a crash right after the user's action loses nothing.
 */
import { issuesFromZod, type FieldIssue } from '../../shared/api/errors';
import { applyLocally, recordKey, touches, type ApplyContext, type LocalRecord } from '../../shared/sync/apply';
import { mutationArgs, type MutationName } from '../../shared/sync/mutations';
import { recordTable, type CasewayDb } from '../db/database';
import { allTables, shadowTouched } from './overlay';
import { isQuotaError, StorageFullError } from './storage';

export class MutationInputError extends Error {
  constructor(readonly issues: FieldIssue[]) {
    super(issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '));
    this.name = 'MutationInputError';
  }
}

export async function mutate(db: CasewayDb, name: MutationName, args: unknown, ctx: ApplyContext): Promise<number> {
  const parsed = mutationArgs[name].safeParse(args);
  if (!parsed.success) throw new MutationInputError(issuesFromZod(parsed.error, '', args));
  const plainArgs: unknown = JSON.parse(JSON.stringify(parsed.data));
  try {
    return await queue(db, name, plainArgs, ctx);
  } catch (error) {
    // The transaction rolled back: the cache and the outbox are as they were.
    if (isQuotaError(error)) throw new StorageFullError();
    throw error;
  }
}

function queue(db: CasewayDb, name: MutationName, plainArgs: unknown, ctx: ApplyContext): Promise<number> {
  return db.transaction('rw', allTables(db), async () => {
    const meta = await db.meta.get('sync');
    if (!meta) throw new Error('the cache has not been set up for a user');
    const id = meta.lastQueuedId + 1;
    await shadowTouched(db, { name, args: plainArgs });
    const written = new Set(touches(name, plainArgs).map((k) => recordKey(k.type, k.id)));
    const refs: Record<string, LocalRecord> = {};
    const writes = await applyLocally(
      name,
      plainArgs,
      async (type, recordId) => {
        const record = await recordTable(db, type).get(recordId);
        const key = recordKey(type, recordId);
        if (record && !written.has(key)) refs[key] = record;
        return record;
      },
      ctx,
    );
    for (const w of writes) {
      if (w.record) await recordTable(db, w.type).put(w.record);
      else await recordTable(db, w.type).delete(w.id);
    }
    await db.outbox.add({ id, name, args: plainArgs, deviceTime: ctx.now, status: 'pending', ...(Object.keys(refs).length ? { refs } : {}) });
    await db.meta.update('sync', { lastQueuedId: id });
    return id;
  });
}
