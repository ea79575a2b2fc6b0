import { describe, expect, it } from 'vitest';
import { readiness, warnings, type Holdings } from './readiness';

const complete: Holdings = {
  case: { expected: true, held: true },
  site: { expected: true, held: true },
  item: { expected: true, held: true, treeSize: 3 },
  history: { expected: true, fetchedAt: '2026-11-20T07:00:00.000Z' },
  people: { expected: 2, held: 2 },
  contract: { expected: 2, held: 2 },
  playbook: { expected: true, held: true },
  attachments: { expected: 2, held: 2 },
};

describe('readiness of a work order for offline work', () => {
  it('is all ok when the device holds everything referenced', () => {
    const checks = readiness(complete);
    expect(checks.map((c) => `${c.part}:${c.status}`)).toEqual(['case:ok', 'site:ok', 'item:ok', 'history:ok', 'people:ok', 'contract:ok', 'playbook:ok', 'attachments:ok']);
    expect(checks.find((c) => c.part === 'item')).toMatchObject({ held: 3 });
    expect(warnings(checks)).toEqual([]);
  });

  it('warns of what is referenced but missing, and says none where nothing is referenced', () => {
    const checks = readiness({
      ...complete,
      history: { expected: true, fetchedAt: null },
      attachments: { expected: 3, held: 1 },
      contract: { expected: 0, held: 0 },
      item: { expected: false, held: false, treeSize: 0 },
      people: { expected: 2, held: 1 },
    });
    expect(warnings(checks)).toEqual(['history', 'people', 'attachments']);
    expect(checks.find((c) => c.part === 'contract')?.status).toBe('none');
    expect(checks.find((c) => c.part === 'item')?.status).toBe('none');
    expect(checks.find((c) => c.part === 'attachments')).toEqual({ part: 'attachments', status: 'missing', held: 1, expected: 3 });
  });
});
