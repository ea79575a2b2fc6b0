/**
 * Working a work order on site, offline or not: start, pause and resume; notes; photos and
 * documents; completion with time spent (prefilled from the work log), parts and the customer's
 * sign-off. Each action is checked on the device first (the shared work-order rules, the mutation
 * schema, the completion checks): a refusal shows beside the form and nothing is queued. Times are
 * the device's, taken when the technician acts.
 */
import { useRef, useState, type Dispatch, type FormEvent, type ReactNode, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import { allowedContentTypes } from '../../shared/domain/attachment';
import { minutesWorked } from '../../shared/domain/task';
import { completeWork, pauseWork, startWork, type WorkOrderOutcome } from '../../shared/domain/workOrder';
import { mutationArgs, type MutationName } from '../../shared/sync/mutations';
import type { CasewayDb } from '../db/database';
import { attachFile } from '../sync/attachments';
import { MutationInputError } from '../sync/mutate';
import { StorageFullError } from '../sync/storage';
import { checkCompletionDraft, emptyPart, type CompletionIssue, type PartDraft } from './completion';
import type { WorkOrderView } from './fieldWorkData';
import { SignatureField, type SignatureHandle } from './SignatureField';

type Mutate = (name: MutationName, args: unknown) => Promise<number>;
type Props = { db: CasewayDb; view: WorkOrderView; mutate: Mutate };

/** A failure in the user's words: the schema's or the disk's own message, else "not saved". */
function failureText(e: unknown, notSaved: string): string {
  return e instanceof MutationInputError || e instanceof StorageFullError ? e.message : notSaved;
}

const refusedKey = {
  work_order_state: 'fieldwork.refused_work_order_state',
  work_order_closed: 'fieldwork.refused_work_order_closed',
  invalid_time: 'fieldwork.refused_invalid_time',
} as const satisfies Record<Extract<WorkOrderOutcome, { ok: false }>['code'], string>;

function refusal(outcome: WorkOrderOutcome): (typeof refusedKey)[keyof typeof refusedKey] | null {
  return outcome.ok ? null : refusedKey[outcome.code];
}

export function StateActions({ view, mutate, onComplete }: { view: WorkOrderView; mutate: Mutate; onComplete: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const { task } = view;
  const act = async (name: 'workOrder.start' | 'workOrder.pause'): Promise<void> => {
    const at = new Date().toISOString();
    const why = refusal(name === 'workOrder.start' ? startWork(task, at) : pauseWork(task, at));
    setError(why ? t(why) : null);
    if (why) return;
    try {
      await mutate(name, { id: task.id, at });
    } catch (e) {
      setError(failureText(e, t('fieldwork.notSaved')));
    }
  };
  if (task.state === 'completed' || task.state === 'cancelled') return null;
  return (
    <div role="group" aria-label={t('fieldwork.workActions')} className="fw-actions">
      {task.state === 'in_progress' ? (
        <button type="button" onClick={() => void act('workOrder.pause')}>
          {t('fieldwork.pause')}
        </button>
      ) : (
        <button type="button" onClick={() => void act('workOrder.start')}>
          {task.state === 'paused' ? t('fieldwork.resume') : t('fieldwork.start')}
        </button>
      )}
      <button type="button" className="secondary" onClick={onComplete}>
        {t('fieldwork.completeOpen')}
      </button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}

const issueKeys = {
  timeSpent: { required: 'fieldwork.issue_timeSpent_invalid', invalid: 'fieldwork.issue_timeSpent_invalid' },
  signerName: { required: 'fieldwork.issue_signerName_required', invalid: 'fieldwork.issue_signerName_invalid' },
  signature: { required: 'fieldwork.issue_signature_required', invalid: 'fieldwork.issue_signature_required' },
  partNumber: { required: 'fieldwork.issue_part_partNumber_required', invalid: 'fieldwork.issue_part_partNumber_invalid' },
  name: { required: 'fieldwork.issue_part_name_required', invalid: 'fieldwork.issue_part_name_invalid' },
  quantity: { required: 'fieldwork.issue_part_quantity_required', invalid: 'fieldwork.issue_part_quantity_invalid' },
} as const;

/** The message for an issue, by its field (a part row's field is the part after the row). */
const issueKey = (issue: CompletionIssue) => {
  const field = issue.path.replace(/^parts\[\d+\]\./, '');
  const isKnown = (f: string): f is keyof typeof issueKeys => Object.hasOwn(issueKeys, f);
  return (isKnown(field) ? issueKeys[field] : issueKeys.signature)[issue.code];
};

type FieldHelpers = {
  describe: (path: string) => { 'aria-invalid'?: true; 'aria-describedby'?: string };
  fieldIssue: (path: string) => ReactNode;
};

/** The parts rows: part number, name and quantity each, added and removed by the technician. */
function PartsFieldset({ parts, setParts, describe, fieldIssue }: FieldHelpers & { parts: PartDraft[]; setParts: Dispatch<SetStateAction<PartDraft[]>> }) {
  const { t } = useTranslation();
  const setPart = (index: number, change: Partial<PartDraft>) => setParts((rows) => rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  return (
    <fieldset>
      <legend>{t('fieldwork.partsUsed')}</legend>
      <ul className="plain fw-parts" aria-label={t('fieldwork.partsUsed')}>
        {parts.map((row, i) => (
          <li key={i}>
            <label>
              {t('fieldwork.partNumber', { n: i + 1 })}
              <input value={row.partNumber} onChange={(e) => setPart(i, { partNumber: e.target.value })} maxLength={60} {...describe(`parts[${i}].partNumber`)} />
              {fieldIssue(`parts[${i}].partNumber`)}
            </label>
            <label>
              {t('fieldwork.partName', { n: i + 1 })}
              <input value={row.name} onChange={(e) => setPart(i, { name: e.target.value })} maxLength={200} {...describe(`parts[${i}].name`)} />
              {fieldIssue(`parts[${i}].name`)}
            </label>
            <label>
              {t('fieldwork.partQuantity', { n: i + 1 })}
              <input inputMode="decimal" value={row.quantity} onChange={(e) => setPart(i, { quantity: e.target.value })} className="fw-qty" {...describe(`parts[${i}].quantity`)} />
              {fieldIssue(`parts[${i}].quantity`)}
            </label>
            <button type="button" className="secondary small" onClick={() => setParts((rows) => rows.filter((_, j) => j !== i))}>
              {t('fieldwork.removePart', { n: i + 1 })}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="secondary small" onClick={() => setParts((rows) => [...rows, emptyPart])}>
        {t('fieldwork.addPart')}
      </button>
    </fieldset>
  );
}

export function CompleteForm({ db, view, mutate, onDone }: Props & { onDone: () => void }) {
  const { t } = useTranslation();
  const { task } = view;
  const [timeSpent, setTimeSpent] = useState(() => String(minutesWorked(task.workLog, new Date().toISOString())));
  const [parts, setParts] = useState<PartDraft[]>(() => (task.partsUsed.length ? task.partsUsed.map((p) => ({ partNumber: p.partNumber, name: p.name, quantity: String(p.quantity) })) : [emptyPart]));
  const [signerName, setSignerName] = useState('');
  const [hasSignature, setHasSignature] = useState(false);
  const [isUnsigned, setUnsigned] = useState(false);
  const [issues, setIssues] = useState<CompletionIssue[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const signature = useRef<SignatureHandle>(null);
  const issueAt = (path: string): CompletionIssue | undefined => issues.find((i) => i.path === path);
  const describe = (path: string): { 'aria-invalid'?: true; 'aria-describedby'?: string } => (issueAt(path) ? { 'aria-invalid': true, 'aria-describedby': `fw-issue-${path}` } : {});
  const fieldIssue = (path: string) => {
    const issue = issueAt(path);
    return issue ? (
      <span id={`fw-issue-${path}`} className="error">
        {t(issueKey(issue))}
      </span>
    ) : null;
  };

  const complete = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const check = checkCompletionDraft({ timeSpent, parts, signerName, hasSignature, isUnsigned });
    setIssues(check.ok ? [] : check.issues);
    if (!check.ok) return;
    const at = new Date().toISOString();
    const signatureId = check.signerName === null ? null : crypto.randomUUID();
    const args = { id: task.id, at, timeSpentMinutes: check.timeSpentMinutes, partsUsed: check.partsUsed, signOff: check.signerName === null ? null : { name: check.signerName, signedAt: at, attachmentId: signatureId } };
    // Checked whole before anything is stored: the schema, and the work order's own rules.
    const parsed = mutationArgs['workOrder.complete'].safeParse(args);
    if (!parsed.success) return setError(parsed.error.issues.map((i) => i.message).join('; '));
    const why = refusal(completeWork(task, args));
    if (why) return setError(t(why));
    setBusy(true);
    try {
      let signOff: { name: string; signedAt: string; attachmentId: string | null } | null = args.signOff;
      if (signOff) {
        const png = await signature.current?.toPng();
        if (!png) return setIssues([{ path: 'signature', code: 'required' }]);
        const attachmentId = await attachFile(db, mutate, { caseId: task.caseId ?? null, taskId: task.id, file: png, fileName: `signature-${task.number || 'work-order'}.png`, contentType: 'image/png' });
        signOff = { ...signOff, attachmentId };
      }
      await mutate('workOrder.complete', { ...args, signOff });
      onDone();
    } catch (e) {
      setError(failureText(e, t('fieldwork.notSaved')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card fw-complete" aria-labelledby="fw-complete-title" onSubmit={(e) => void complete(e)} noValidate>
      <h4 id="fw-complete-title">{t('fieldwork.completeTitle', { number: task.number })}</h4>
      <label>
        {t('fieldwork.timeSpent')}
        <input inputMode="numeric" value={timeSpent} onChange={(e) => setTimeSpent(e.target.value)} {...describe('timeSpent')} />
        <span className="muted">{t('fieldwork.timeSpentHint', { minutes: minutesWorked(task.workLog, new Date().toISOString()) })}</span>
        {fieldIssue('timeSpent')}
      </label>
      <PartsFieldset parts={parts} setParts={setParts} describe={describe} fieldIssue={fieldIssue} />
      <fieldset>
        <legend>{t('fieldwork.signOff')}</legend>
        <label>
          <input type="checkbox" checked={isUnsigned} onChange={(e) => setUnsigned(e.target.checked)} /> {t('fieldwork.noCustomer')}
        </label>
        {!isUnsigned && (
          <>
            <label>
              {t('fieldwork.signerName')}
              <input value={signerName} onChange={(e) => setSignerName(e.target.value)} maxLength={120} autoComplete="off" {...describe('signerName')} />
              {fieldIssue('signerName')}
            </label>
            <p className="muted" id="fw-signature-hint">
              {t('fieldwork.signHere')}
            </p>
            <SignatureField ref={signature} label={t('fieldwork.signature')} describedBy={issueAt('signature') ? 'fw-issue-signature fw-signature-hint' : 'fw-signature-hint'} isInvalid={issueAt('signature') !== undefined} onChange={setHasSignature} />
            {fieldIssue('signature')}
          </>
        )}
      </fieldset>
      {issues.length > 0 && (
        <p role="alert" className="error">
          {t('fieldwork.fixIssues', { count: issues.length })}
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="fw-actions">
        <button type="submit" disabled={isBusy}>
          {t('fieldwork.complete')}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          {t('fieldwork.cancel')}
        </button>
      </div>
    </form>
  );
}

export function NoteForm({ view, mutate }: Omit<Props, 'db'>) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const caseId = view.task.caseId;
  if (!caseId) return null;
  const add = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (body.trim() === '') return setError(t('fieldwork.noteEmpty'));
    try {
      await mutate('case.addWorkNote', { id: crypto.randomUUID(), caseId, taskId: view.task.id, body, deviceTime: new Date().toISOString() });
      setBody('');
    } catch (e) {
      setError(failureText(e, t('fieldwork.notSaved')));
    }
  };
  return (
    <form onSubmit={(e) => void add(e)} className="note" aria-label={t('fieldwork.addNote')}>
      <label htmlFor="fw-note">{t('fieldwork.note')}</label>
      <textarea id="fw-note" value={body} onChange={(e) => setBody(e.target.value)} />
      <button type="submit">{t('fieldwork.addNote')}</button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}

export function AttachForm({ db, view, mutate }: Props) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const attach = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    setError(null);
    setBusy(true);
    try {
      await attachFile(db, mutate, { caseId: view.task.caseId ?? null, taskId: view.task.id, file, fileName: file.name || `photo-${Date.now()}.jpg`, contentType: file.type || 'application/octet-stream' });
    } catch (e) {
      setError(failureText(e, t('fieldwork.notSaved')));
    } finally {
      input.value = '';
      setBusy(false);
    }
  };
  return (
    <div className="fw-attach">
      <label className="filepick">
        {t('fieldwork.takePhoto')}
        <input type="file" accept="image/*" capture="environment" disabled={isBusy} onChange={(e) => void attach(e.target)} />
      </label>
      <label className="filepick">
        {t('fieldwork.attachDocument')}
        <input type="file" accept={allowedContentTypes.join(',')} disabled={isBusy} onChange={(e) => void attach(e.target)} />
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}
