/** Ordered migrations. Append only: a shipped migration is never edited. */
import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_initial';
import * as m0002 from './0002_sync';
import * as m0003 from './0003_attachment_content';
import * as m0004 from './0004_sync_horizon';
import * as m0005 from './0005_poke_audience';
import * as m0006 from './0006_change_heads';
import * as m0007 from './0007_playbooks';
import * as m0008 from './0008_fieldwork_devices';

const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_sync': m0002,
  '0003_attachment_content': m0003,
  '0004_sync_horizon': m0004,
  '0005_poke_audience': m0005,
  '0006_change_heads': m0006,
  '0007_playbooks': m0007,
  '0008_fieldwork_devices': m0008,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};


