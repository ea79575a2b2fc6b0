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

/**
 * Several intents of one user action (a supervisor's "reassign these 50") in one transaction: all
 * are validated first, then applied and queued together, in order, or none is (a bad one or a full
 * disk changes nothing). One durable write instead of one per intent.
 */
export async function mutateMany(db: CasewayDb, items: readonly { name: MutationName; args: unknown }[], ctx: ApplyContext): Promise<number[]> {
  const plain = items.map(({ name, args }, index) => {
    const parsed = mutationArgs[name].safeParse(args);
    if (!parsed.success) throw new MutationInputError(issuesFromZod(parsed.error, `[${index}]`, args));
    return { name, args: JSON.parse(JSON.stringify(parsed.data)) as unknown };
  });
  try {
    return await db.transaction('rw', allTables(db), async () => {
      const ids: number[] = [];
      for (const item of plain) ids.push(await queue(db, item.name, item.args, ctx));
      return ids;
    });
  } catch (error) {
    if (isQuotaError(error)) throw new StorageFullError();
    throw error;
  }
}

function queue(db: CasewayDb, name: MutationName, plainArgs: unknown, ctx: ApplyContext): Promise<number> {
  // Joins the caller's transaction when there is one (mutateMany), so a batch commits as one.
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
