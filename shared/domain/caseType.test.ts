import { describe, expect, it } from 'vitest';
import { validateCustomFields, type CaseField } from './caseType';

const fields: CaseField[] = [
  { key: 'meterSerial', label: 'Meter serial', type: 'text', required: true, maxLength: 12 },
  { key: 'reading', label: 'Reading', type: 'number', required: false, min: 0, max: 100 },
  { key: 'symptom', label: 'Symptom', type: 'choice', required: true, choices: ['no display', 'no comms'] },
  { key: 'visited', label: 'Visited', type: 'date', required: false },
  { key: 'urgent', label: 'Urgent', type: 'boolean', required: false },
];

describe('case type fields', () => {
  it('accepts valid values', () => {
    expect(validateCustomFields(fields, { meterSerial: 'NSM-1', reading: 40, symptom: 'no comms', visited: '2026-11-02', urgent: true })).toEqual([]);
  });

  it('names every bad or missing field by path', () => {
    const problems = validateCustomFields(fields, { meterSerial: 'x'.repeat(13), reading: 101, symptom: 'smoke', visited: '2.11.2026', urgent: 'yes', other: 1 });
    expect(problems.map((p) => p.path).sort()).toEqual(['customFields.meterSerial', 'customFields.other', 'customFields.reading', 'customFields.symptom', 'customFields.urgent', 'customFields.visited']);
    expect(validateCustomFields(fields, {})).toEqual([
      { path: 'customFields.meterSerial', message: 'Meter serial is required' },
      { path: 'customFields.symptom', message: 'Symptom is required' },
    ]);
  });
});
