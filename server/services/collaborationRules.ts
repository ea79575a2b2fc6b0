/** Rules for contributors and related parties (customer access management). */
import { attachmentDef } from '../../shared/domain/attachment';
import { accessLevelFor, contributorDef } from '../../shared/domain/collaboration';
import { invalid } from '../http/errors';
import { registerRules, type AnyRow } from './recordService';
import type { RelationshipType } from '../../shared/domain/collaboration';

registerRules('contributor', {
  createSchema: contributorDef.create.omit({ addedById: true }),
  prepareCreate: (ctx, input) => Promise.resolve({ ...input, addedById: ctx.actor.userId }),
});

function checkParty(values: AnyRow): AnyRow {
  const expected = accessLevelFor(values.relationshipType as RelationshipType);
  if (values.accessLevel !== expected) throw invalid('accessLevel', `a ${String(values.relationshipType)} is ${expected}`);
  if (values.subjectType === 'case') return { ...values, caseId: values.subjectId };
  if (values.caseId !== null && values.caseId !== undefined) throw invalid('caseId', 'is set only when the subject is a case');
  return values;
}

registerRules('relatedParty', {
  prepareCreate: (_ctx, input) => Promise.resolve(checkParty(input)),
  beforeUpdate: (_ctx, before, patch) => {
    for (const field of ['subjectType', 'subjectId', 'caseId'] as const) {
      if (field in patch && patch[field] !== before[field]) throw invalid(field, 'cannot change; remove the party and add it again');
    }
    checkParty({ ...before, ...patch });
    return Promise.resolve(patch);
  },
});

/** Content, size, type and state belong to the upload (server/routes/attachmentRoutes.ts); only the name can be edited. */
const attachmentUploadFields = ['contentType', 'sizeBytes', 'sha256', 'state', 'uploadedById', 'caseId', 'taskId'] as const;

registerRules('attachment', {
  createSchema: attachmentDef.create.omit({ uploadedById: true, state: true, sha256: true }),
  prepareCreate: (ctx, input) => {
    if (input.caseId === null && input.taskId === null) throw invalid('caseId', 'attach the file to a case or a task');
    return Promise.resolve({ ...input, uploadedById: ctx.actor.userId, state: 'pending', sha256: null });
  },
  beforeUpdate: (_ctx, before, patch) => {
    for (const field of attachmentUploadFields) {
      if (field in patch && JSON.stringify(patch[field]) !== JSON.stringify(before[field])) throw invalid(field, 'is set by the upload, not by an edit');
    }
    return Promise.resolve(patch);
  },
});
