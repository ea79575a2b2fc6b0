/**
 * A person's cases as the 360 view lists them: open ones first (most urgent, then newest), then
 * past ones (most recently finished first). Whether a case is open is its case type's life-cycle
 * rule; a case whose type is not on the device counts as open until it has a resolution date.
 */
import { isOpenState, type Lifecycle } from '../../shared/domain/caseLifecycle';

export type CaseLike = { id: string; caseTypeId: string; state: string; priority: number; openedAt: string; resolvedAt: string | null; closedAt: string | null };

export function isCaseOpen(c: CaseLike, lifecycle: Lifecycle | undefined): boolean {
  return lifecycle ? isOpenState(lifecycle, c.state) : c.resolvedAt === null && c.closedAt === null;
}

const finishedAt = (c: CaseLike): string => c.closedAt ?? c.resolvedAt ?? c.openedAt;

export function splitCases<C extends CaseLike>(cases: readonly C[], lifecycles: ReadonlyMap<string, Lifecycle>): { open: C[]; past: C[] } {
  const open: C[] = [];
  const past: C[] = [];
  for (const c of cases) (isCaseOpen(c, lifecycles.get(c.caseTypeId)) ? open : past).push(c);
  open.sort((a, b) => a.priority - b.priority || b.openedAt.localeCompare(a.openedAt) || a.id.localeCompare(b.id));
  past.sort((a, b) => finishedAt(b).localeCompare(finishedAt(a)) || a.id.localeCompare(b.id));
  return { open, past };
}
