import { describe, expect, it } from 'vitest';
import { csmLifecycle, publicServiceLifecycle } from '../../shared/domain/caseLifecycle';
import { splitCases, type CaseLike } from './caseOrder';

const c = (id: string, over: Partial<CaseLike>): CaseLike => ({ id, caseTypeId: 'csm', state: 'new', priority: 3, openedAt: '2026-05-01T00:00:00Z', resolvedAt: null, closedAt: null, ...over });
const lifecycles = new Map([
  ['csm', csmLifecycle],
  ['psds', publicServiceLifecycle],
]);

describe('splitCases', () => {
  it('puts open cases first by priority then newest, past ones by most recently finished', () => {
    const { open, past } = splitCases(
      [
        c('old-open', { priority: 3, openedAt: '2026-01-01T00:00:00Z', state: 'in_progress' }),
        c('urgent', { priority: 1, openedAt: '2026-02-01T00:00:00Z', state: 'awaiting_info' }),
        c('new-open', { priority: 3, openedAt: '2026-04-01T00:00:00Z' }),
        c('closed-early', { state: 'closed', closedAt: '2026-03-01T00:00:00Z' }),
        c('closed-late', { state: 'closed', closedAt: '2026-04-15T00:00:00Z' }),
        c('resolved', { state: 'resolved', resolvedAt: '2026-04-01T00:00:00Z' }),
      ],
      lifecycles,
    );
    expect(open.map((x) => x.id)).toEqual(['urgent', 'new-open', 'old-open']);
    expect(past.map((x) => x.id)).toEqual(['closed-late', 'resolved', 'closed-early']);
  });

  it("reads open or not from each case's own life cycle", () => {
    const { open, past } = splitCases([c('psds-open', { caseTypeId: 'psds', state: 'work_in_progress' }), c('psds-done', { caseTypeId: 'psds', state: 'closed_complete', closedAt: '2026-05-02T00:00:00Z' })], lifecycles);
    expect(open.map((x) => x.id)).toEqual(['psds-open']);
    expect(past.map((x) => x.id)).toEqual(['psds-done']);
  });

  it('falls back to the resolution dates when the case type is not on the device', () => {
    const { open, past } = splitCases([c('unknown-open', { caseTypeId: 'gone', state: 'whatever' }), c('unknown-done', { caseTypeId: 'gone', state: 'whatever', resolvedAt: '2026-05-02T00:00:00Z' })], lifecycles);
    expect(open.map((x) => x.id)).toEqual(['unknown-open']);
    expect(past.map((x) => x.id)).toEqual(['unknown-done']);
  });
});
