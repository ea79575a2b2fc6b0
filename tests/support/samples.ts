/**
 * Bodies for creating one new record of every type, made from records the demo seed wrote: take a
 * stored record, drop what the store sets itself, and change what must stay unique.
 */
import { systemFields } from '../../shared/domain/entity';
import type { RecordType } from '../../shared/domain/records';

/** Fields the store sets on create (the create body must not carry them). */
export const storeSetFields: Partial<Record<RecordType, string[]>> = {
  // The store picks the playbook version of a case that names none.
  case: ['number', 'state', 'openedById', 'openedAt', 'resolvedAt', 'closedAt', 'resolutionCode', 'resolutionNotes', 'playbookDefinitionId'],
  task: ['number'],
  interaction: ['number'],
  journalEntry: ['authorId', 'source'],
  approval: ['requestedById', 'requestedAt', 'decidedAt', 'decidedById', 'state'],
  contributor: ['addedById'],
  attachment: ['uploadedById', 'state', 'sha256'],
};

/** Types whose seeded record is unique by a pair of references: the test deletes it, then re-creates it. */
export const recreatedTypes: RecordType[] = ['role', 'groupMember', 'userSkill', 'contributor', 'householdMember'];

/** The store writes these itself; nobody creates them through the API. */
export const storeOnlyTypes: RecordType[] = ['organization', 'caseSla', 'fieldHistory', 'playbookStep'];

export function bodyFrom(type: RecordType, stored: Record<string, unknown>, newCaseId: string): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const skip = new Set<string>([...systemFields, ...(storeSetFields[type] ?? [])]);
  for (const [k, v] of Object.entries(stored)) if (!skip.has(k)) body[k] = v;
  if ('caseId' in body && type !== 'case') body.caseId = newCaseId;
  if (type === 'relatedParty' && body.subjectType === 'case') body.subjectId = newCaseId;
  if (type === 'task') body.state = 'open';
  switch (type) {
    case 'user':
      return { ...body, username: 'copy.user', email: 'copy.user@example.org' };
    case 'caseType':
      return { ...body, key: `${String(body.key)}_copy` };
    case 'playbookDefinition':
      return { ...body, version: Number(body.version) + 1 };
    case 'account':
    case 'serviceContract':
      return { ...body, number: `${String(body.number)}X` };
    case 'approval':
      return { ...body, taskId: null };
    case 'journalEntry':
      return { ...body, taskId: null };
    default:
      return body;
  }
}

export const attachmentBody = (caseId: string): Record<string, unknown> => ({ caseId, taskId: null, fileName: 'meter-photo.jpg', contentType: 'image/jpeg', sizeBytes: 482_113 });
