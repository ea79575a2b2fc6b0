/**
 * The case form's sections below the header: related records, tasks, attachments and the activity
 * stream. Each reads the case view loaded by the form and writes through mutations.
 */
import { useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { looseT, type Translate } from '../i18n/i18n';
import { allowedContentTypes } from '../../shared/domain/attachment';
import { taskDef, isOpenTask } from '../../shared/domain/task';
import type { MutationName } from '../../shared/sync/mutations';
import { useSession } from '../app/sessionStore';
import type { RecordTab } from '../app/uiStore';
import type { CasewayDb } from '../db/database';
import { attachFile, attachmentContent } from '../sync/attachments';
import { httpTransport } from '../sync/httpTransport';
import { MutationInputError } from '../sync/mutate';
import type { RunMutation } from '../sync/useMutationRunner';
import type { CaseView } from './caseData';

type Mutate = (name: MutationName, args: unknown) => Promise<number>;

function useDateFormat(): (iso: string) => string {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (iso) => format.format(new Date(iso));
}

export function RelatedRecords({ view, onOpen }: { view: CaseView; onOpen: (tab: RecordTab) => void }) {
  const { t } = useTranslation();
  const when = useDateFormat();
  const link = (target: { kind: RecordTab['kind']; id: string; name: string } | null) =>
    target ? (
      <button type="button" className="link" aria-label={t('case.open360', { name: target.name })} onClick={() => onOpen({ kind: target.kind, id: target.id })}>
        {target.name}
      </button>
    ) : (
      <span className="muted">{t('case.none')}</span>
    );
  const text = (record: Record<string, unknown> | null, ...keys: string[]) => {
    if (!record) return <span className="muted">{t('case.none')}</span>;
    return keys
      .map((k) => record[k])
      .filter((v) => typeof v === 'string' && v !== '')
      .join(' · ');
  };
  const e = view.entitlement;
  return (
    <section aria-labelledby="case-related" className="card">
      <h3 id="case-related">{t('case.related')}</h3>
      <dl className="facts">
        <dt>{t('case.customer')}</dt>
        <dd>{link(view.customer)}</dd>
        {view.contactAccount && (
          <>
            <dt>{t('case.account')}</dt>
            <dd>{link(view.contactAccount)}</dd>
          </>
        )}
        <dt>{t('case.household')}</dt>
        <dd>{link(view.household)}</dd>
        <dt>{t('case.soldProduct')}</dt>
        <dd>{text(view.soldProduct, 'name', 'serialNumber')}</dd>
        <dt>{t('case.installBase')}</dt>
        <dd>{text(view.installBaseItem, 'name', 'serialNumber', 'state')}</dd>
        {view.asset && (
          <>
            <dt>{t('case.asset')}</dt>
            <dd>{text(view.asset, 'name', 'assetTag')}</dd>
          </>
        )}
        <dt>{t('case.contract')}</dt>
        <dd>{view.contract ? `${view.contract.number} · ${view.contract.name} (${view.contract.startsOn} – ${view.contract.endsOn})` : <span className="muted">{t('case.none')}</span>}</dd>
        <dt>{t('case.entitlement')}</dt>
        <dd>
          {e ? (
            <>
              {e.name}
              {' · '}
              {e.unit === 'unlimited' || e.totalUnits === null
                ? t('case.unlimited')
                : t('case.remaining', { remaining: e.remainingUnits ?? e.totalUnits, total: e.totalUnits, unit: e.unit, time: view.lastSyncAt ? when(view.lastSyncAt) : '—' })}
            </>
          ) : (
            <span className="muted">{t('case.none')}</span>
          )}
        </dd>
        {view.location && (
          <>
            <dt>{t('case.location')}</dt>
            <dd>{text(view.location, 'name')}</dd>
          </>
        )}
      </dl>
      <h4>{t('case.parties')}</h4>
      {view.parties.length === 0 ? (
        <p className="muted">{t('case.noParties')}</p>
      ) : (
        <ul aria-label={t('case.parties')} className="plain">
          {view.parties.map(({ party, name, open }) => (
            <li key={party.id}>
              {open ? link({ ...open, name }) : name} <span className="muted">· {t('case.partyLine', { relationship: party.relationshipType.replace(/_/g, ' '), access: party.accessLevel })}</span>
            </li>
          ))}
        </ul>
      )}
      <h4>{t('case.contributors')}</h4>
      {view.contributors.length === 0 ? (
        <p className="muted">{t('case.noContributors')}</p>
      ) : (
        <ul aria-label={t('case.contributors')} className="plain">
          {view.contributors.map((x) => (
            <li key={x.id}>
              {x.name} <span className="muted">· {t('case.contributorLine', { name: x.addedByName })}{x.reason ? ` · ${x.reason}` : ''}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const taskKinds = taskDef.fields.kind.options;

export function TasksSection({ view, run, isReadOnly }: { view: CaseView; run: RunMutation; isReadOnly: boolean }) {
  const { t } = useTranslation();
  const when = useDateFormat();
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<(typeof taskKinds)[number]>('task');
  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (await run('task.create', { id: crypto.randomUUID(), caseId: view.c.id, kind, shortDescription: title, assignmentGroupId: view.c.assignmentGroupId })) setTitle('');
  };
  return (
    <section aria-labelledby="case-tasks" className="card">
      <h3 id="case-tasks">{t('case.tasks')}</h3>
      {view.tasks.length === 0 ? (
        <p className="muted">{t('case.noTasks')}</p>
      ) : (
        <ul aria-label={t('case.tasks')} className="plain">
          {view.tasks.map((task) => (
            <li key={task.id}>
              <strong>{task.number || t('queue.notSynced')}</strong> {task.shortDescription} <span className="muted">· {t(`case.kind_${task.kind}`)} · {t(`case.taskState_${task.state}`)}</span>
              {task.assigneeName && <span className="muted"> · {task.assigneeName}</span>}
              {task.scheduledStart && <span className="muted"> · {when(task.scheduledStart)}</span>}
              {task.isPending && <span className="badge">{t('case.pendingBadge')}</span>}
              {isOpenTask(task.state) && !isReadOnly && (
                <button type="button" className="small" onClick={() => void run('task.update', { id: task.id, changes: { state: 'completed' }, base: { state: task.state } })}>
                  {t('case.completeTask', { number: task.number || task.shortDescription })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!isReadOnly && (
        <form onSubmit={(e) => void add(e)} className="inline" aria-label={t('case.addTask')}>
          <label>
            {t('case.taskTitle')}
            <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={160} />
          </label>
          <label>
            {t('case.taskKind')}
            <select value={kind} onChange={(e) => setKind(taskKinds.find((k) => k === e.target.value) ?? 'task')}>
              {taskKinds.map((k) => (
                <option key={k} value={k}>
                  {t(`case.kind_${k}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">{t('case.addTask')}</button>
        </form>
      )}
    </section>
  );
}

export function AttachmentsSection({ db, view, mutate, isReadOnly }: { db: CasewayDb; view: CaseView; mutate: Mutate; isReadOnly: boolean }) {
  const { t } = useTranslation();
  const when = useDateFormat();
  const token = useSession((s) => s.token);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const attach = async (files: FileList | null) => {
    const file = files?.[0];
    if (!file) return;
    setError(null);
    setBusy(true);
    try {
      await attachFile(db, mutate, { caseId: view.c.id, taskId: null, file, fileName: file.name, contentType: file.type || 'application/octet-stream' });
    } catch (e) {
      setError(e instanceof MutationInputError ? e.message : t('case.notSaved'));
    } finally {
      setBusy(false);
    }
  };
  const open = async (id: string, fileName: string) => {
    setError(null);
    try {
      const blob = await attachmentContent(db, httpTransport(location.origin, () => token), id);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch {
      setError(t('case.unavailableOffline'));
    }
  };
  return (
    <section aria-labelledby="case-attachments" className="card">
      <h3 id="case-attachments">{t('case.attachments')}</h3>
      {view.attachments.length === 0 ? (
        <p className="muted">{t('case.noAttachments')}</p>
      ) : (
        <ul aria-label={t('case.attachments')} className="plain">
          {view.attachments.map((a) => (
            <li key={a.id}>
              <button type="button" className="link" aria-label={t('case.openAttachment', { name: a.fileName })} onClick={() => void open(a.id, a.fileName)}>
                {a.fileName}
              </button>{' '}
              <span className="muted">
                · {Math.max(1, Math.round(a.sizeBytes / 1024))} KB · {t('case.by', { name: a.uploaderName, time: when(a.createdAt) })}
                {a.state === 'pending' ? t('case.notUploaded') : ''}
              </span>
              {a.isPending && <span className="badge">{t('case.pendingBadge')}</span>}
            </li>
          ))}
        </ul>
      )}
      {!isReadOnly && (
        <label className="filepick">
          {isBusy ? t('case.attaching') : t('case.attachFile')}
          <input type="file" accept={allowedContentTypes.join(',')} disabled={isBusy} onChange={(e) => void attach(e.target.files).then(() => (e.target.value = ''))} />
        </label>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}

/** A field history value as people read it: names for ids, labels for states, "(empty)" for null. */
function shownValue(view: CaseView, field: string, value: unknown, empty: string, names: ReadonlyMap<string, string>): string {
  if (value === null || value === undefined || value === '') return empty;
  if (field === 'state' && typeof value === 'string') return view.lifecycle?.states.find((s) => s.key === value)?.label ?? value;
  if (typeof value === 'string' && names.has(value)) return names.get(value) ?? value;
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}


/** One line per changed value: a field of the case type's own is named by its label, one per key. */
function historyLines(view: CaseView, change: CaseView['activity'][number] & { kind: 'history' }, names: ReadonlyMap<string, string>, t: Translate): string[] {
  const { field, oldValue, newValue } = change.change;
  const empty = t('case.empty');
  const fieldLabels: Record<string, string> = {
    shortDescription: t('case.shortDescription'),
    description: t('case.description'),
    priority: t('case.priority'),
    state: t('queue.state'),
    assignedToId: t('queue.assignee'),
    assignmentGroupId: t('queue.group'),
  };
  if (field === 'customFields' && typeof oldValue === 'object' && typeof newValue === 'object') {
    const before = (oldValue ?? {}) as Record<string, unknown>;
    const after = (newValue ?? {}) as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null));
    return keys.map((k) => t('case.changed', { field: view.fields.find((f) => f.key === k)?.label ?? k, from: shownValue(view, k, before[k], empty, names), to: shownValue(view, k, after[k], empty, names) }));
  }
  return [t('case.changed', { field: fieldLabels[field] ?? field, from: shownValue(view, field, oldValue, empty, names), to: shownValue(view, field, newValue, empty, names) })];
}

export function ActivitySection({ view, run, isReadOnly, noteRef }: { view: CaseView; run: RunMutation; isReadOnly: boolean; noteRef: RefObject<HTMLTextAreaElement | null> }) {
  const { t } = useTranslation();
  const when = useDateFormat();
  const [kind, setKind] = useState<'work_note' | 'comment'>('work_note');
  const [body, setBody] = useState('');
  const add = async (event: FormEvent) => {
    event.preventDefault();
    const name = kind === 'comment' ? 'case.addComment' : 'case.addWorkNote';
    if (await run(name, { id: crypto.randomUUID(), caseId: view.c.id, body, deviceTime: new Date().toISOString() })) setBody('');
  };
  return (
    <section aria-labelledby="case-activity" className="card">
      <h3 id="case-activity">{t('case.activity')}</h3>
      {!isReadOnly && (
        <form onSubmit={(e) => void add(e)} className="note" aria-label={kind === 'comment' ? t('case.addComment') : t('case.addWorkNote')}>
          <fieldset className="radios">
            <legend>{t('case.entryKind')}</legend>
            <label>
              <input type="radio" name="entry-kind" checked={kind === 'work_note'} onChange={() => setKind('work_note')} /> {t('case.kindNote')}
            </label>
            <label>
              <input type="radio" name="entry-kind" checked={kind === 'comment'} onChange={() => setKind('comment')} /> {t('case.kindComment')}
            </label>
          </fieldset>
          <label htmlFor="work-note">{kind === 'comment' ? t('case.commentBox') : t('case.workNote')}</label>
          <textarea id="work-note" ref={noteRef} value={body} onChange={(e) => setBody(e.target.value)} required />
          <button type="submit">{kind === 'comment' ? t('case.addComment') : t('case.addWorkNote')}</button>
        </form>
      )}
      <ol className="journal" aria-label={t('case.activity')}>
        {view.activity.map((item) => (
          <li key={item.id} className={item.kind === 'journal' ? `entry-${item.entry.kind}` : 'entry-history'}>
            <span className="muted">
              {item.kind === 'journal' ? (item.entry.kind === 'comment' ? t('case.comment') : t('case.note')) : t('case.change')} · {t('case.by', { name: item.authorName || '—', time: when(item.at) })}
              {item.kind === 'journal' && item.isPending ? t('case.waiting') : ''}
              {item.isOffline ? t('case.madeOffline') : ''}
              {item.kind === 'history' && item.change.outcome === 'refused' ? t('case.refusedChange') : ''}
              {item.kind === 'history' && item.change.outcome === 'overwritten' ? t('case.overwrittenChange') : ''}
            </span>
            {item.kind === 'journal' ? (
              <p>{item.entry.body}</p>
            ) : (
              historyLines(view, item, view.names, looseT(t)).map((line) => <p key={line}>{line}</p>)
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
