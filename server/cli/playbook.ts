/**
 * `npm run playbook -- load <file.yaml|file.json> --as <administrator username> [--dry-run]`
 * `npm run playbook -- check <file> --as <username>` (the same as --dry-run)
 *
 * Loads a playbook definition into the store named by the environment (DATABASE_URL, or the
 * embedded data folder), through the same checks as `POST /api/playbooks`. Exit code 0 when it was
 * stored, unchanged or valid; 1 with every bad field's path when it was refused; 2 on bad usage.
 */
import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { roleSchema } from '../../shared/domain/vocab';
import { readConfig } from '../config';
import { openStore } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { ApiFailure } from '../http/errors';
import { groupIdsOf, type Actor } from '../services/actor';
import { loadPlaybook, parsePlaybookText } from '../services/playbookAuthoring';
import { lockForWrite } from '../services/recordService';
import { notifyChange } from '../sync/pokes';

const usage = 'usage: npm run playbook -- load|check <file.yaml|file.json> --as <administrator username> [--dry-run]';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { as: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } } });
  const [command, file] = positionals;
  if ((command !== 'load' && command !== 'check') || !file || !values.as) {
    console.error(usage);
    return 2;
  }
  const text = await readFile(file, 'utf8');
  const format = file.endsWith('.json') ? 'json' : 'yaml';
  const store = await openStore(readConfig(process.env).store);
  try {
    await migrateToLatest(store);
    const user = (await sql<{ id: string; org_id: string; username: string; roles: string[] }>`select id, org_id, username, roles from users where username = ${values.as} and is_active`.execute(store.db)).rows[0];
    if (!user) {
      console.error(`no active user "${values.as}" in ${store.description}`);
      return 2;
    }
    const actor: Actor = { userId: user.id, orgId: user.org_id, username: user.username, roles: user.roles.map((r) => roleSchema.parse(r)), groupIds: await groupIdsOf(store.db, user.id), sessionId: randomUUID(), deviceId: randomUUID() };
    const outcome = await store.db.transaction().execute(async (trx) => {
      const sinceRev = await lockForWrite(trx);
      const result = await loadPlaybook({ trx, actor, now: new Date().toISOString(), source: 'cli:playbook', deviceTime: null }, parsePlaybookText(text, format), { dryRun: command === 'check' || values['dry-run'] });
      if (result.status === 'created') await notifyChange(trx, actor.orgId, sinceRev);
      return result;
    });
    const said = { created: `stored as version ${outcome.version}`, unchanged: `unchanged: version ${outcome.version} already holds this content`, valid: `valid; loading it would store version ${outcome.version}` }[outcome.status];
    console.log(`playbook "${outcome.key}": ${said}`);
    return 0;
  } catch (error) {
    if (!(error instanceof ApiFailure)) throw error;
    console.error(`${file}: refused — ${error.issues.length ? '' : error.message}`);
    for (const issue of error.issues) console.error(`  ${issue.path || '(document)'}: ${issue.message}`);
    return 1;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
