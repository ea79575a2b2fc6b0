/**
 * The completion form's checks, before anything is stored or queued: time spent (blank means "from
 * the work log"), the parts rows (a row left wholly blank is ignored; a half-filled one is an
 * error), and the customer's sign-off (a name and a drawn signature) unless the technician says no
 * customer was on site. Issues carry the form's field paths so each shows beside its field.
 */
import type { Task } from '../../shared/domain/task';

export type PartDraft = { partNumber: string; name: string; quantity: string };
export type CompletionDraft = {
  timeSpent: string;
  parts: readonly PartDraft[];
  signerName: string;
  hasSignature: boolean;
  /** No customer on site to sign (e.g. road works): completed without a sign-off. */
  isUnsigned: boolean;
};

export type CompletionIssue = { path: string; code: 'required' | 'invalid' };
export type CompletionCheck =
  | { ok: true; timeSpentMinutes: number | null; partsUsed: Task['partsUsed']; signerName: string | null }
  | { ok: false; issues: CompletionIssue[] };

export const emptyPart: PartDraft = { partNumber: '', name: '', quantity: '1' };

const maxMinutes = 100_000;

export function checkCompletionDraft(draft: CompletionDraft): CompletionCheck {
  const issues: CompletionIssue[] = [];
  const time = draft.timeSpent.trim();
  let timeSpentMinutes: number | null = null;
  if (time !== '') {
    const n = Number(time);
    if (!Number.isInteger(n) || n < 0 || n > maxMinutes) issues.push({ path: 'timeSpent', code: 'invalid' });
    else timeSpentMinutes = n;
  }
  const partsUsed: Task['partsUsed'] = [];
  draft.parts.forEach((row, i) => {
    const partNumber = row.partNumber.trim();
    const name = row.name.trim();
    const quantityText = row.quantity.trim();
    if (partNumber === '' && name === '' && (quantityText === '' || quantityText === '1')) return;
    if (partNumber === '') issues.push({ path: `parts[${i}].partNumber`, code: 'required' });
    else if (partNumber.length > 60) issues.push({ path: `parts[${i}].partNumber`, code: 'invalid' });
    if (name === '') issues.push({ path: `parts[${i}].name`, code: 'required' });
    else if (name.length > 200) issues.push({ path: `parts[${i}].name`, code: 'invalid' });
    const quantity = Number(quantityText);
    if (quantityText === '') issues.push({ path: `parts[${i}].quantity`, code: 'required' });
    else if (!Number.isFinite(quantity) || quantity <= 0) issues.push({ path: `parts[${i}].quantity`, code: 'invalid' });
    partsUsed.push({ partNumber, name, quantity });
  });
  const signerName = draft.signerName.trim();
  if (!draft.isUnsigned) {
    if (signerName === '') issues.push({ path: 'signerName', code: 'required' });
    else if (signerName.length > 120) issues.push({ path: 'signerName', code: 'invalid' });
    if (!draft.hasSignature) issues.push({ path: 'signature', code: 'required' });
  }
  if (issues.length) return { ok: false, issues };
  return { ok: true, timeSpentMinutes, partsUsed, signerName: draft.isUnsigned ? null : signerName };
}
