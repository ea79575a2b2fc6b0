/**
 * The case form: header (number, state, priority, SLA timers), the life-cycle actions the case type
 * allows (with resolution code and notes where required), assignment (to me, a group, an agent),
 * the case type's own fields, related records, tasks, attachments and one activity stream. It reads
 * the local cache and writes through mutations only, so all of it works offline.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { playbookWorkerRoles } from '../../shared/access/policy';
import { availableActions, isReadOnlyState } from '../../shared/domain/caseLifecycle';
import { validateCustomFields, type CaseField } from '../../shared/domain/caseType';
import { isOpenTask } from '../../shared/domain/task';
import type { MutationName } from '../../shared/sync/mutations';
import { useRegisterCommands } from '../app/commands';
import { useSession } from '../app/sessionStore';
import type { RecordTab } from '../app/uiStore';
import type { CasewayDb } from '../db/database';
import { loadPlaybookView, resolutionHold } from '../playbooks/playbookData';
import { PlaybookGuide, ResolutionHold } from '../playbooks/PlaybookGuide';
import { useMutationRunner, type RunMutation } from '../sync/useMutationRunner';
import { groupMembers, loadCaseView, type CaseView } from './caseData';
import { ActivitySection, AttachmentsSection, RelatedRecords, TasksSection } from './CaseSections';
import { SlaTimers } from './SlaTimers';

type Props = { db: CasewayDb; userId: string; caseId: string; mutate: (name: MutationName, args: unknown) => Promise<number>; onOpen: (tab: RecordTab) => void; onClose: () => void };

export function CaseForm({ db, userId, caseId, mutate, onOpen, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const { run, error } = useMutationRunner(mutate, t('case.notSaved'));
  const view = useLiveQuery(async () => {
    performance.mark('caseway:case-read-start');
    const loaded = await loadCaseView(db, caseId);
    performance.mark('caseway:case-read');
    return loaded;
  }, [db, caseId]);
  // The playbook the case runs (null when its type has none): the guide beside the form, and what holds a resolution.
  const playbook = useLiveQuery(async () => loadPlaybookView(db, caseId), [db, caseId]);
  const [resolving, setResolving] = useState<string | null>(null);
  const [isHeld, setHeld] = useState(false);
  const [code, setCode] = useState('');
  const [notes, setNotes] = useState('');
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const resolveRef = useRef<HTMLSelectElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const hasView = view !== undefined && view !== null;
  // A case opened from the keyboard is read from its title on: focus lands there once it shows.
  useEffect(() => {
    if (hasView) headingRef.current?.focus();
  }, [hasView]);

  const c = view?.c;
  const lifecycle = view?.lifecycle ?? null;
  const openTasks = view ? view.tasks.filter((task) => isOpenTask(task.state)).length : 0;
  const actions = c && lifecycle ? availableActions(lifecycle, { state: c.state, closedAt: c.closedAt, openTaskCount: openTasks }, new Date().toISOString()) : [];
  const isReadOnly = !c || !lifecycle || isReadOnlyState(lifecycle, c.state);
  const canWorkPlaybook = useSession((s) => s.user?.roles.some((r) => playbookWorkerRoles.includes(r)) ?? false);
  // "Resolve" proposes a solution where the life cycle has one, else closes with a resolution.
  const resolveAction = actions.find((a) => a.requiresResolution && lifecycle?.states.find((s) => s.key === a.to)?.category === 'resolved') ?? actions.find((a) => a.requiresResolution);

  const hold = resolutionHold(playbook);
  // A resolution (or a closure) waits for the playbook's mandatory activities, as the store requires.
  const resolves = (action: string): boolean => {
    const to = actions.find((a) => a.action === action)?.to;
    const category = lifecycle?.states.find((s) => s.key === to)?.category;
    return category === 'resolved' || category === 'closed';
  };
  const act = async (action: string, needsResolution: boolean) => {
    if (!c) return;
    if (hold.length > 0 && resolves(action)) {
      setResolving(null);
      setHeld(true);
      return;
    }
    setHeld(false);
    if (needsResolution && resolving !== action) {
      setResolving(action);
      requestAnimationFrame(() => resolveRef.current?.focus());
      return;
    }
    if (await run('case.transition', { id: c.id, action, resolutionCode: needsResolution ? code || null : null, resolutionNotes: needsResolution ? notes || null : null })) {
      setResolving(null);
      setCode('');
      setNotes('');
    }
  };
  const assignToMe = () => c && void run('case.assign', { id: c.id, assignmentGroupId: c.assignmentGroupId, assignedToId: userId, expected: { assignmentGroupId: c.assignmentGroupId, assignedToId: c.assignedToId }, reason: null });

  useRegisterCommands(`case:${caseId}`, [
    { id: 'case.assignToMe', label: t('case.assignToMe'), shortcut: { mod: 'alt', code: 'KeyA' }, run: assignToMe },
    { id: 'case.addNote', label: t('case.addWorkNote'), shortcut: { mod: 'alt', code: 'KeyW' }, run: () => noteRef.current?.focus() },
    ...(resolveAction ? [{ id: 'case.resolve', label: resolveAction.label, shortcut: { mod: 'alt' as const, code: 'KeyR' }, run: () => void act(resolveAction.action, true) }] : []),
    ...(view?.customer ? [{ id: 'case.open360', label: t('case.open360', { name: view.customer.name }), shortcut: { mod: 'alt' as const, code: 'KeyC' }, run: () => view.customer && onOpen({ kind: view.customer.kind, id: view.customer.id }) }] : []),
  ]);

  if (view === undefined) return <p aria-live="polite">{t('case.loading')}</p>;
  if (view === null || !c) return <p role="alert">{t('case.missing')}</p>;
  const stateLabel = lifecycle?.states.find((s) => s.key === c.state)?.label ?? c.state;

  const form = (
    <article aria-labelledby="case-title" className="caseform">
      <header className="casehead" aria-label={t('case.header')}>
        <h2 id="case-title" tabIndex={-1} ref={headingRef}>
          {c.number || t('case.newTitle')}: {c.shortDescription}
        </h2>
        <p>
          <Trans i18nKey="case.summary" values={{ state: stateLabel, priority: c.priority, opened: new Date(c.openedAt).toLocaleString(i18n.language) }} components={[<strong key="state" data-testid="case-state" />]} />
        </p>
        <p className="muted">
          {t('case.typeLine', { type: view.typeName, channel: t(`intake.channel_${c.channel}`) })}
          {view.isPending ? ` · ${t('case.notSyncedYet')}` : ''}
        </p>
        {view.customer && (
          <p>
            {t('case.customer')}{' '}
            <button type="button" className="link" aria-label={t('case.open360', { name: view.customer.name })} onClick={() => view.customer && onOpen({ kind: view.customer.kind, id: view.customer.id })}>
              {view.customer.name}
            </button>
          </p>
        )}
        <SlaTimers slas={view.slas} />
        <button type="button" className="secondary" onClick={onClose}>
          {t('case.back')}
        </button>
      </header>
      <div role="group" aria-label={t('case.actions')} className="actions">
        {actions.map((a) => (
          <button key={a.action} type="button" onClick={() => void act(a.action, a.requiresResolution)}>
            {a.label}
          </button>
        ))}
      </div>
      {isHeld && hold.length > 0 && <ResolutionHold items={hold} isAlert />}
      {resolving && (
        <div className="resolve" role="group" aria-label={t('case.resolution')}>
          <label htmlFor="resolution-code">{t('case.resolutionCode')}</label>
          <select id="resolution-code" ref={resolveRef} value={code} onChange={(e) => setCode(e.target.value)}>
            <option value="">{t('case.choose')}</option>
            {view.resolutionCodes.map((rc) => (
              <option key={rc} value={rc}>
                {rc}
              </option>
            ))}
          </select>
          <label htmlFor="resolution-notes">{t('case.resolutionNotes')}</label>
          <textarea id="resolution-notes" value={notes} onChange={(e) => setNotes(e.target.value)} />
          <div className="actions">
            <button type="button" onClick={() => void act(resolving, true)}>
              {t('case.confirm')}
            </button>
            <button type="button" className="secondary" onClick={() => setResolving(null)}>
              {t('case.cancel')}
            </button>
          </div>
        </div>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="casegrid">
        <div>
          <AssignSection db={db} view={view} userId={userId} run={run} isReadOnly={isReadOnly} onAssignToMe={assignToMe} />
          <DetailsSection view={view} run={run} isReadOnly={isReadOnly} />
          <ActivitySection view={view} run={run} isReadOnly={isReadOnly} noteRef={noteRef} />
        </div>
        <div>
          <RelatedRecords view={view} onOpen={onOpen} />
          <TasksSection view={view} run={run} isReadOnly={isReadOnly} />
          <AttachmentsSection db={db} view={view} mutate={mutate} isReadOnly={isReadOnly} />
        </div>
      </div>
    </article>
  );
  // The form on the left and the guide on the right on wide screens; the guide below on narrow ones.
  // The wrapper is always there, so the form is not mounted afresh (losing focus) when the guide arrives.
  return (
    <div className={playbook ? 'casewithguide' : 'caseonly'}>
      {form}
      {playbook && <PlaybookGuide db={db} caseView={view} playbook={playbook} userId={userId} mutate={mutate} isReadOnly={isReadOnly} canWork={canWorkPlaybook} />}
    </div>
  );
}

function AssignSection({ db, view, userId, run, isReadOnly, onAssignToMe }: { db: CasewayDb; view: CaseView; userId: string; run: RunMutation; isReadOnly: boolean; onAssignToMe: () => void }) {
  const { t } = useTranslation();
  const c = view.c;
  const [groupId, setGroupId] = useState(c.assignmentGroupId ?? '');
  const [agentId, setAgentId] = useState(c.assignedToId ?? '');
  const [reason, setReason] = useState('');
  const members = useLiveQuery(async () => (groupId ? groupMembers(db, groupId) : []), [db, groupId]);
  useEffect(() => {
    setGroupId(c.assignmentGroupId ?? '');
    setAgentId(c.assignedToId ?? '');
  }, [c.assignmentGroupId, c.assignedToId]);
  const assign = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await run('case.assign', { id: c.id, assignmentGroupId: groupId || null, assignedToId: agentId || null, expected: { assignmentGroupId: c.assignmentGroupId, assignedToId: c.assignedToId }, reason: reason.trim() || null });
    if (ok) setReason('');
  };
  const group = view.groupName || t('case.noGroup');
  return (
    <section aria-labelledby="case-assign" className="card">
      <h3 id="case-assign">{t('case.assign')}</h3>
      <p data-testid="case-assignment">{c.assignedToId ? t('case.assignedTo', { name: view.assigneeName, group }) : t('case.unassignedIn', { group })}</p>
      {!isReadOnly && (
        <>
          {c.assignedToId !== userId && (
            <button type="button" onClick={onAssignToMe}>
              {t('case.assignToMe')}
            </button>
          )}
          <form onSubmit={(e) => void assign(e)} className="inline" aria-label={t('case.assign')}>
            <label>
              {t('case.group')}
              <select
                value={groupId}
                onChange={(e) => {
                  setGroupId(e.target.value);
                  setAgentId('');
                }}
              >
                <option value="">{t('case.noGroup')}</option>
                {view.groups.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('case.agent')}
              <select value={agentId} onChange={(e) => setAgentId(e.target.value)}>
                <option value="">{t('case.nobody')}</option>
                {(members ?? []).map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('case.reason')}
              <input value={reason} maxLength={400} onChange={(e) => setReason(e.target.value)} />
            </label>
            <button type="submit" disabled={groupId === (c.assignmentGroupId ?? '') && agentId === (c.assignedToId ?? '')}>
              {t('case.assignButton')}
            </button>
          </form>
        </>
      )}
    </section>
  );
}

type Draft = { shortDescription: string; description: string; priority: number; customFields: Record<string, string | number | boolean | null> };

function draftOf(view: CaseView): Draft {
  return { shortDescription: view.c.shortDescription, description: view.c.description ?? '', priority: view.c.priority, customFields: { ...view.c.customFields } };
}

function DetailsSection({ view, run, isReadOnly }: { view: CaseView; run: RunMutation; isReadOnly: boolean }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(() => draftOf(view));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const savedKey = useMemo(() => JSON.stringify(draftOf(view)), [view]);
  // A change that arrives from the store (or another window) refreshes the form when it is not being edited.
  const [baseKey, setBaseKey] = useState(savedKey);
  useEffect(() => {
    if (savedKey !== baseKey) {
      setDraft((d) => (JSON.stringify(d) === baseKey ? draftOf(view) : d));
      setBaseKey(savedKey);
    }
  }, [savedKey, baseKey, view]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setMessage('');
    const found: Record<string, string> = {};
    for (const p of validateCustomFields(view.fields, draft.customFields)) found[p.path] = p.message;
    if (!draft.shortDescription.trim()) found.shortDescription = t('case.shortDescription');
    setProblems(found);
    if (Object.keys(found).length) return;
    const c = view.c;
    const changes: Record<string, unknown> = {};
    const base: Record<string, unknown> = {};
    if (draft.shortDescription.trim() !== c.shortDescription) [changes.shortDescription, base.shortDescription] = [draft.shortDescription.trim(), c.shortDescription];
    if ((draft.description.trim() || null) !== c.description) [changes.description, base.description] = [draft.description.trim() || null, c.description];
    if (draft.priority !== c.priority) [changes.priority, base.priority] = [draft.priority, c.priority];
    const cleaned = Object.fromEntries(Object.entries(draft.customFields).filter(([, v]) => v !== '' && v !== null));
    if (JSON.stringify(cleaned) !== JSON.stringify(c.customFields)) [changes.customFields, base.customFields] = [cleaned, c.customFields];
    if (Object.keys(changes).length === 0) return setMessage(t('case.nothingChanged'));
    if (await run('case.update', { id: c.id, changes, base })) setMessage(t('case.saved'));
  };

  const setField = (key: string, value: string | number | boolean | null) => setDraft((d) => ({ ...d, customFields: { ...d.customFields, [key]: value } }));
  return (
    <section aria-labelledby="case-details" className="card">
      <h3 id="case-details">{t('case.details')}</h3>
      {isReadOnly && <p className="muted">{t('case.readOnly')}</p>}
      <form onSubmit={(e) => void save(e)} className="details" aria-label={t('case.details')} noValidate>
        <fieldset disabled={isReadOnly}>
          <label>
            {t('case.shortDescription')}
            <input value={draft.shortDescription} maxLength={160} required aria-invalid={problems.shortDescription ? true : undefined} onChange={(e) => setDraft({ ...draft, shortDescription: e.target.value })} />
          </label>
          <label>
            {t('case.description')}
            <textarea value={draft.description} maxLength={16000} onChange={(e) => setDraft({ ...draft, description: e.target.value })} />
          </label>
          <label>
            {t('case.priority')}
            <select value={draft.priority} onChange={(e) => setDraft({ ...draft, priority: Number(e.target.value) })}>
              {([1, 2, 3, 4] as const).map((p) => (
                <option key={p} value={p}>
                  {t(`priority.p${p}`)}
                </option>
              ))}
            </select>
          </label>
          {view.fields.map((field) => (
            <CustomFieldInput key={field.key} field={field} value={draft.customFields[field.key] ?? null} problem={problems[`customFields.${field.key}`]} onChange={(v) => setField(field.key, v)} />
          ))}
          <button type="submit">{t('case.save')}</button>
          <span className="muted" aria-live="polite">
            {message}
          </span>
        </fieldset>
      </form>
    </section>
  );
}

/** One field of a case type (or of a playbook form: `idPrefix` keeps its ids apart from the case's own). */
export function CustomFieldInput({ field, value, problem, onChange, idPrefix = 'cf' }: { field: CaseField; value: string | number | boolean | null; problem: string | undefined; onChange: (v: string | number | boolean | null) => void; idPrefix?: string }) {
  const { t } = useTranslation();
  const id = `${idPrefix}-${field.key}`;
  const errorId = `${id}-error`;
  const common = { id, 'aria-invalid': problem ? true : undefined, 'aria-describedby': problem ? errorId : undefined, required: field.required };
  const label = `${field.label}${field.required ? ' *' : ''}`;
  let input;
  switch (field.type) {
    case 'text':
      input = field.maxLength > 400 ? <textarea {...common} value={typeof value === 'string' ? value : ''} maxLength={field.maxLength} onChange={(e) => onChange(e.target.value)} /> : <input {...common} value={typeof value === 'string' ? value : ''} maxLength={field.maxLength} onChange={(e) => onChange(e.target.value)} />;
      break;
    case 'number':
      input = <input {...common} type="number" value={typeof value === 'number' ? value : ''} min={field.min ?? undefined} max={field.max ?? undefined} onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))} />;
      break;
    case 'date':
      input = <input {...common} type="date" value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value || null)} />;
      break;
    case 'boolean':
      return (
        <label className="check">
          <input {...common} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} /> {label}
          {problem && (
            <span id={errorId} className="error">
              {problem}
            </span>
          )}
        </label>
      );
    case 'choice':
      input = (
        <select {...common} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value || null)}>
          <option value="">{t('case.choose')}</option>
          {field.choices.map((choice) => (
            <option key={choice} value={choice}>
              {choice}
            </option>
          ))}
        </select>
      );
      break;
    default: {
      const exhaustive: never = field;
      return exhaustive;
    }
  }
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {input}
      {problem && (
        <span id={errorId} className="error">
          {problem}
        </span>
      )}
    </div>
  );
}
