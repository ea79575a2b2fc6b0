/**
 * The demo playbooks: one YAML document per demo case type in ./playbooks/, written in the same
 * format an administrator loads with `npm run playbook` or `POST /api/playbooks`, and checked the
 * same way (schema, case type fields, approvers among the organisation's staff) before seeding.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { formatPath } from '../../shared/api/errors';
import { caseTypeIssues, playbookDocumentSchema, type PlaybookDocument } from '../../shared/domain/playbook';
import type { CaseTypeSpec } from './catalog';

export function demoPlaybook(caseType: CaseTypeSpec, usernames: ReadonlySet<string>): PlaybookDocument {
  const file = new URL(`./playbooks/${caseType.key}.yaml`, import.meta.url);
  const parsed = playbookDocumentSchema.safeParse(parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file.pathname}: ${parsed.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('; ')}`);
  const doc = parsed.data;
  const problems = caseTypeIssues(doc.stages, caseType.fields, doc.condition, caseType.lifecycle.states.map((st) => st.key)).map((i) => `${formatPath(i.path)}: ${i.message}`);
  for (const stage of doc.stages) {
    for (const activity of stage.activities) {
      if (activity.kind === 'approval') for (const u of activity.approvers.users) if (!usernames.has(u)) problems.push(`${activity.key}: no staff member "${u}"`);
    }
  }
  if (doc.caseType !== caseType.key) problems.push(`caseType: must be ${caseType.key}`);
  if (problems.length > 0) throw new Error(`${file.pathname}: ${problems.join('; ')}`);
  return doc;
}
