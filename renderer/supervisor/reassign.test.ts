import { describe, expect, it } from 'vitest';
import { mutationArgs } from '../../shared/sync/mutations';
import { queueReassignment, retryRefused } from './reassign';

const g = '00000000-0000-4000-8000-00000000000a';
const ana = '00000000-0000-4000-8000-0000000000a1';
const ben = '00000000-0000-4000-8000-0000000000b1';
const batchId = '00000000-0000-4000-8000-0000000000ff';
const caseId = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Records what would be queued, after checking it against the shared schema as `mutate` does. */
function recorder(failAt = Infinity) {
  const queued: { name: string; args: unknown }[] = [];
  const mutate = (name: string, args: unknown): Promise<number> => {
    if (queued.length + 1 >= failAt) return Promise.reject(new Error('The disk is full'));
    expect(mutationArgs['case.assign'].safeParse(args).success).toBe(true);
    queued.push({ name, args });
    return Promise.resolve(queued.length + 100);
  };
  /** All or nothing, like the cache's one transaction. */
  const mutateMany = async (items: readonly { name: string; args: unknown }[]): Promise<number[]> => {
    if (queued.length + items.length >= failAt) throw new Error('The disk is full');
    const ids: number[] = [];
    for (const item of items) ids.push(await mutate(item.name, item.args));
    return ids;
  };
  return { queued, mutate, mutateMany };
}

describe('queueing a reassignment', () => {
  it('queues one guarded case.assign per case, expecting where each is now, all in one batch', async () => {
    const { queued, mutateMany } = recorder();
    const cases = [
      { id: caseId(1), assignmentGroupId: g, assignedToId: ana },
      { id: caseId(2), assignmentGroupId: g, assignedToId: null },
      { id: caseId(3), assignmentGroupId: g, assignedToId: ben },
    ];
    const { batch, error } = await queueReassignment(mutateMany, cases, { assignmentGroupId: g, assignedToId: ben }, 'leave', batchId, '2026-11-20T10:00:00.000Z');
    expect(error).toBeNull();
    // The case already with Ben is left alone.
    expect(batch.cases).toEqual({ [caseId(1)]: 101, [caseId(2)]: 102 });
    expect(queued).toEqual([
      { name: 'case.assign', args: { id: caseId(1), assignmentGroupId: g, assignedToId: ben, expected: { assignmentGroupId: g, assignedToId: ana }, reason: 'leave', batchId } },
      { name: 'case.assign', args: { id: caseId(2), assignmentGroupId: g, assignedToId: ben, expected: { assignmentGroupId: g, assignedToId: null }, reason: 'leave', batchId } },
    ]);
  });

  it('queues all of them or none: a write that fails leaves an empty batch and says why', async () => {
    const { queued, mutateMany } = recorder(2);
    const cases = [1, 2, 3].map((n) => ({ id: caseId(n), assignmentGroupId: g, assignedToId: null }));
    const { batch, error } = await queueReassignment(mutateMany, cases, { assignmentGroupId: g, assignedToId: ana }, null, batchId, '2026-11-20T10:00:00.000Z');
    expect(batch.cases).toEqual({});
    expect(queued).toEqual([]);
    expect(error).toBeInstanceOf(Error);
  });

  it('retries in the same batch, expecting the assignment the case has now', async () => {
    const { queued, mutate } = recorder();
    const batch = { id: batchId, at: '2026-11-20T10:00:00.000Z', target: { assignmentGroupId: g, assignedToId: ana }, reason: 'leave', cases: { [caseId(1)]: 7, [caseId(2)]: 8 } };
    const refused = { caseId: caseId(2), mutationId: 8, issueId: 3, code: 'assignment_changed', message: '', target: batch.target, reason: 'leave' };
    const next = await retryRefused(mutate, batch, refused, { id: caseId(2), assignmentGroupId: g, assignedToId: ben });
    expect(next.cases).toEqual({ [caseId(1)]: 7, [caseId(2)]: 101 });
    expect(queued[0]?.args).toEqual({ id: caseId(2), assignmentGroupId: g, assignedToId: ana, expected: { assignmentGroupId: g, assignedToId: ben }, reason: 'leave', batchId });
  });
});
