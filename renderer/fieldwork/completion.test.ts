import { describe, expect, it } from 'vitest';
import { checkCompletionDraft, emptyPart, type CompletionDraft } from './completion';

const draft = (over: Partial<CompletionDraft>): CompletionDraft => ({ timeSpent: '', parts: [], signerName: 'Jane Citizen', hasSignature: true, isUnsigned: false, ...over });

describe('completing a work order on the device', () => {
  it('takes blank time as "from the work log", drops wholly blank part rows and trims', () => {
    const check = checkCompletionDraft(draft({ parts: [{ partNumber: ' CM-1 ', name: 'Comms module', quantity: '2' }, emptyPart, { partNumber: '', name: '', quantity: '' }], signerName: '  Jane Citizen ' }));
    expect(check).toEqual({ ok: true, timeSpentMinutes: null, partsUsed: [{ partNumber: 'CM-1', name: 'Comms module', quantity: 2 }], signerName: 'Jane Citizen' });
    expect(checkCompletionDraft(draft({ timeSpent: '95' }))).toMatchObject({ ok: true, timeSpentMinutes: 95 });
  });

  it('requires the signer name and a drawn signature, unless no customer was on site', () => {
    expect(checkCompletionDraft(draft({ signerName: ' ', hasSignature: false }))).toEqual({
      ok: false,
      issues: [
        { path: 'signerName', code: 'required' },
        { path: 'signature', code: 'required' },
      ],
    });
    expect(checkCompletionDraft(draft({ signerName: '', hasSignature: false, isUnsigned: true }))).toEqual({ ok: true, timeSpentMinutes: null, partsUsed: [], signerName: null });
  });

  it('names each bad field of a half-filled part row and bad times', () => {
    const check = checkCompletionDraft(draft({ timeSpent: '1.5', parts: [{ partNumber: 'P-1', name: '', quantity: '0' }, { partNumber: '', name: 'Seal', quantity: 'x' }] }));
    expect(check.ok === false && check.issues).toEqual([
      { path: 'timeSpent', code: 'invalid' },
      { path: 'parts[0].name', code: 'required' },
      { path: 'parts[0].quantity', code: 'invalid' },
      { path: 'parts[1].partNumber', code: 'required' },
      { path: 'parts[1].quantity', code: 'invalid' },
    ]);
    expect(checkCompletionDraft(draft({ timeSpent: '-3' })).ok).toBe(false);
  });
});
