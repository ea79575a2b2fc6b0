/**
 * Reassignments as guarded intents (SPEC C4): one `case.assign` per case, each expecting the
 * assignment the cache shows now, all of one action sharing a batch id so their outcomes are
 * reported together. `mutate` applies each at once and queues it durably, online or not.
 */
import type { MutationName } from '../../shared/sync/mutations';
import type { Batch, Refused, Target } from './boardModel';

type Mutate = (name: MutationName, args: unknown) => Promise<number>;
type MutateMany = (items: readonly { name: MutationName; args: unknown }[]) => Promise<number[]>;
type Assigned = { id: string; assignmentGroupId: string | null; assignedToId: string | null };

export type Queued = { batch: Batch; error: unknown };

/**
 * Queues the reassignment of `cases` to `target`, in the order given, as one write: all of them or
 * none (a full disk). Cases already there are left alone. On failure the batch is empty and
 * `error` says why.
 */
export async function queueReassignment(mutateMany: MutateMany, cases: readonly Assigned[], target: Target, reason: string | null, batchId: string, at: string): Promise<Queued> {
  const batch: Batch = { id: batchId, at, target, reason, cases: {} };
  const moving = cases.filter((c) => c.assignmentGroupId !== target.assignmentGroupId || c.assignedToId !== target.assignedToId);
  const items = moving.map((c) => ({
    name: 'case.assign' as const,
    args: { id: c.id, assignmentGroupId: target.assignmentGroupId, assignedToId: target.assignedToId, expected: { assignmentGroupId: c.assignmentGroupId, assignedToId: c.assignedToId }, reason, batchId },
  }));
  try {
    const ids = items.length ? await mutateMany(items) : [];
    moving.forEach((c, i) => {
      const id = ids[i];
      if (id !== undefined) batch.cases[c.id] = id;
    });
    return { batch, error: null };
  } catch (error) {
    return { batch, error };
  }
}

/**
 * Retries a refused reassignment within its batch: the same target and reason, now expecting the
 * assignment the case has in the cache (the one the store refused us over). Returns the batch with
 * the case's new mutation id, which the outcome report follows from then on.
 */
export async function retryRefused(mutate: Mutate, batch: Batch, refused: Refused, current: Assigned): Promise<Batch> {
  const mutationId = await mutate('case.assign', {
    id: current.id,
    assignmentGroupId: refused.target.assignmentGroupId,
    assignedToId: refused.target.assignedToId,
    expected: { assignmentGroupId: current.assignmentGroupId, assignedToId: current.assignedToId },
    reason: refused.reason,
    batchId: batch.id,
  });
  return { ...batch, cases: { ...batch.cases, [current.id]: mutationId } };
}
