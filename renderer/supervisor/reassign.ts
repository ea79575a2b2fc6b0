/**
 * Reassignments as guarded intents (SPEC C4): one `case.assign` per case, each expecting the
 * assignment the cache shows now, all of one action sharing a batch id so their outcomes are
 * reported together. `mutate` applies each at once and queues it durably, online or not.
 */
import type { MutationName } from '../../shared/sync/mutations';
import type { Batch, Refused, Target } from './boardModel';

type Mutate = (name: MutationName, args: unknown) => Promise<number>;
type Assigned = { id: string; assignmentGroupId: string | null; assignedToId: string | null };

export type Queued = { batch: Batch; error: unknown };

/**
 * Queues the reassignment of `cases` to `target`, in the order given. Cases already there are left
 * alone. Stops at the first case that cannot be queued (a full disk); the batch then holds the
 * ones queued before it, and `error` says why the rest were not.
 */
export async function queueReassignment(mutate: Mutate, cases: readonly Assigned[], target: Target, reason: string | null, batchId: string, at: string): Promise<Queued> {
  const batch: Batch = { id: batchId, at, target, reason, cases: {} };
  for (const c of cases) {
    if (c.assignmentGroupId === target.assignmentGroupId && c.assignedToId === target.assignedToId) continue;
    try {
      batch.cases[c.id] = await mutate('case.assign', {
        id: c.id,
        assignmentGroupId: target.assignmentGroupId,
        assignedToId: target.assignedToId,
        expected: { assignmentGroupId: c.assignmentGroupId, assignedToId: c.assignedToId },
        reason,
        batchId,
      });
    } catch (error) {
      return { batch, error };
    }
  }
  return { batch, error: null };
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
