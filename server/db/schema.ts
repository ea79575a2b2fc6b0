/**
 * The database's TypeScript shape, derived from the shared record types so a field added in
 * shared/ is a column here too (the architecture test checks the migrations agree).
 */
import type { Generated } from 'kysely';
import type { EntityDefs, RecordType, RecordTypeMap } from '../../shared/domain/records';

/** camelCase → snake_case at the type level ("assignedToId" → "assigned_to_id"). */
export type Snake<S extends string> = S extends `${infer H}${infer T}`
  ? `${H extends Lowercase<H> ? H : `_${Lowercase<H>}`}${Snake<T>}`
  : S;

/** A stored row: snake_case columns; rev and timestamps are set by the database when omitted. */
export type Row<R> = {
  [K in keyof R as Snake<K & string>]: K extends 'rev' | 'createdAt' | 'updatedAt' ? Generated<R[K]> : R[K];
};

type EntityTables = { [T in RecordType as EntityDefs[T]['table']]: Row<RecordTypeMap[T]> };

export type CredentialTable = { user_id: string; password_hash: string; updated_at: Generated<Date> };

export type DeviceSessionTable = {
  id: string;
  user_id: string;
  org_id: string;
  device_id: string;
  device_name: string;
  token_hash: string;
  user_agent: string | null;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  revoked_at: Date | null;
  revoked_by_id: string | null;
};

export type TombstoneTable = {
  rev: Generated<number>;
  record_type: string;
  record_id: string;
  org_id: string;
  case_id: string | null;
  deleted_at: Generated<Date>;
};

export type SyncHorizonTable = { id: Generated<boolean>; purged_through: number; purged_at: Date | null };

export type NumberSequenceTable = { org_id: string; name: string; next_value: number };

export type MutationLogTable = {
  device_id: string;
  mutation_id: number;
  user_id: string;
  org_id: string;
  name: string;
  args: string;
  device_time: string;
  server_time: Generated<Date>;
  status: 'applied' | 'refused';
  result: string;
};

export type DeviceRevocationTable = {
  org_id: string;
  device_id: string;
  revoked_at: Generated<Date>;
  revoked_by_id: string;
  reason: string | null;
  reported_at: Date | null;
  report: unknown;
};

export type AttachmentChunkTable = { attachment_id: string; chunk_index: number; data: Uint8Array };

export type DB = EntityTables & {
  attachment_chunks: AttachmentChunkTable;
  mutation_log: MutationLogTable;
  credentials: CredentialTable;
  device_sessions: DeviceSessionTable;
  device_revocations: DeviceRevocationTable;
  tombstones: TombstoneTable;
  sync_horizon: SyncHorizonTable;
  number_sequences: NumberSequenceTable;
};
