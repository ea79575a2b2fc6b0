/**
 * The sync protocol between a device and the central store (SPEC.md beside this file): push
 * sends queued mutations in order; pull returns a page of the device's scope since a cursor.
 */
import { z } from 'zod';
import type { FieldIssue } from '../api/errors';
import { recordTypes, type RecordType } from '../domain/records';
import { mutationNames } from './mutations';

export const protocolVersion = 1;

/** The WebSocket subprotocol of live updates (SPEC L1). */
export const liveProtocol = 'caseway-sync';

export const incompatibility = {
  protocolTooOld: 'protocol_too_old',
  protocolTooNew: 'protocol_too_new',
} as const;

export const mutationEnvelopeSchema = z.strictObject({
  /** Per device, 1, 2, 3, … in the order the user made them. */
  id: z.number().int().positive(),
  name: z.enum(mutationNames),
  args: z.unknown(),
  /** When the user did it, by the device's clock. */
  deviceTime: z.iso.datetime({ offset: true }),
});
export type MutationEnvelope = z.infer<typeof mutationEnvelopeSchema>;

export const pushRequestSchema = z.strictObject({
  protocolVersion: z.number().int(),
  mutations: z.array(mutationEnvelopeSchema).min(1).max(500),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

/** A field the mutation overwrote although someone else had changed it since the device saw it. */
export type FieldConflict = { type: RecordType; id: string; field: string; yours: unknown; theirs: unknown };

export type MutationResult =
  | { id: number; status: 'applied'; serverTime: string; conflicts: FieldConflict[] }
  | { id: number; status: 'refused'; serverTime: string; code: string; message: string; issues: FieldIssue[] }
  /** Ahead of the next expected id: not applied; send the missing ones first. */
  | { id: number; status: 'out_of_order'; expectedId: number };

export type PushResponse = { lastMutationId: number; results: MutationResult[] };

export const pullRequestSchema = z.strictObject({
  protocolVersion: z.number().int(),
  /** null for a first (or reset) bootstrap. */
  cursor: z.string().max(200).nullable(),
  limit: z.number().int().min(1).max(5000).default(2000),
  /** Ask for the scope's record counts with a complete checkpoint (SPEC P9). */
  verify: z.boolean().optional(),
});
export type PullRequest = z.input<typeof pullRequestSchema>;

export type PulledRecord = { type: RecordType; record: Record<string, unknown> };
export type PulledDelete = { type: RecordType; id: string };

export type PullResponse = {
  /** Give it back on the next pull. */
  cursor: string;
  /** The server dropped the device's old cursor (scope changed, or too old): replace the cached server state. */
  reset: boolean;
  hasMore: boolean;
  puts: PulledRecord[];
  deletes: PulledDelete[];
  /** The highest mutation id of this device the server has processed. */
  lastMutationId: number;
  serverTime: string;
  /**
   * On a complete checkpoint of a field technician: every id of these types its scope holds now;
   * the device drops the others (SPEC P11).
   */
  retain?: { type: RecordType; ids: string[] }[];
  /** With `verify` on a complete checkpoint: how many records of each type the scope holds (SPEC P9). */
  counts?: Partial<Record<RecordType, number>>;
};

export const syncedRecordTypes: readonly RecordType[] = recordTypes;
