/**
 * The playbook guide beside the case form: the playbook's stages as a progress bar, the activities
 * to do now as cards the agent completes in place, what comes next and why it waits, and what was
 * done (by whom, when, with what). Every step is checked on the device with the shared engine
 * before it is queued, so a refusal shows at once and nothing is queued; the store checks it again.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { looseT, type Translate } from '../i18n/i18n';
import type { ActivityDefinition } from '../../shared/domain/playbook';
import { describeCondition } from '../../shared/domain/playbookCondition';
import { approverPlan, checkCompletion, checkSkip, renderTemplate, type ActivityStatus, type PlaybookStatus } from '../../shared/domain/playbookEngine';
import { isOpenTask } from '../../shared/domain/task';
import type { MutationName } from '../../shared/sync/mutations';
import { useRegisterCommands } from '../app/commands';
import { groupMembers, wasMadeOffline, type CaseView } from '../cases/caseData';
import { CustomFieldInput } from '../cases/CaseForm';
import type { CasewayDb } from '../db/database';
import { useMutationRunner, type RunMutation } from '../sync/useMutationRunner';
import { holdItems, type HoldItem, type PlaybookView } from './playbookData';

type Mutate = (name: MutationName, args: unknown) => Promise<number>;


/** `canWork`: the user's roles may work a playbook (agents, supervisors, administrators, field technicians); others follow it. */
type GuideProps = { db: CasewayDb; caseView: CaseView; playbook: PlaybookView; userId: string; mutate: Mutate; isReadOnly: boolean; canWork: boolean };

/** What every card needs: the run it belongs to and how to report a step it queued. */
type CardContext = {
  db: CasewayDb;
  caseView: CaseView;
  playbook: PlaybookView;
  status: PlaybookStatus;
  userId: string;
  mutate: Mutate;
  isReadOnly: boolean;
  /** The card's activity was completed or skipped: focus moves on once the card has gone. */
  onFinished(key: string): void;
  /** The card's activity was started (approval requested, task created): focus stays on the card. */
  onStarted(key: string): void;
};

const cardHeadingId = (key: string): string => `pb-card-${key}`;
const isCurrent = (a: ActivityStatus): boolean => a.state === 'ready' || a.state === 'in_progress';
const isFinished = (a: ActivityStatus): boolean => a.state === 'complete' || a.state === 'skipped';

function useDateFormat(): (iso: string | null | undefined) => string {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (iso) => (iso ? format.format(new Date(iso)) : '');
}

/** The arguments every playbook mutation starts with (a new step id each time). */
function stepArgs(ctx: CardContext, activityKey: string) {
  return { id: crypto.randomUUID(), caseId: ctx.caseView.c.id, playbookDefinitionId: ctx.playbook.definition.id, activityKey };
}

/** The notice that says what holds the case's resolution (in the guide, and where a resolution is attempted). */
export function ResolutionHold({ items, isAlert = false }: { items: readonly HoldItem[]; isAlert?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="notice" role={isAlert ? 'alert' : undefined} data-testid={isAlert ? 'resolution-held' : 'playbook-hold'}>
      <p>
        <strong>{t('playbook.holdTitle')}</strong>
      </p>
      <ul>
        {items.map((item) => (
          <li key={item.key}>{item.conditional ? t('playbook.holdIfApplies', { name: item.name }) : item.name}</li>
        ))}
      </ul>
    </div>
  );
}

export function PlaybookGuide({ db, caseView, playbook, userId, mutate, isReadOnly: isCaseReadOnly, canWork }: GuideProps) {
  const isReadOnly = isCaseReadOnly || !canWork;
  const { t } = useTranslation();
  const asideRef = useRef<HTMLElement>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const finishedKey = useRef<string | null>(null);
  const status = playbook.status;
  const current = status ? status.activities.filter(isCurrent) : [];
  const currentKeys = current.map((a) => a.key).join(' ');

  /** Focus the first card to work on now (or the guide's title when there is none). */
  const focusFirstCurrent = (): void => {
    const heading = asideRef.current?.querySelector<HTMLElement>('.pcard-current h4');
    (heading ?? titleRef.current)?.focus();
  };
  // After a card is completed or skipped its card goes: focus moves to the next card's heading.
  useEffect(() => {
    const key = finishedKey.current;
    if (key === null || currentKeys.split(' ').includes(key)) return;
    finishedKey.current = null;
    focusFirstCurrent();
  }, [currentKeys]);

  useRegisterCommands(`playbook:${caseView.c.id}`, [{ id: 'playbook.next', label: t('playbook.nextStep'), shortcut: { mod: 'alt', code: 'KeyG' }, run: focusFirstCurrent }]);

  const title = playbook.definition.name ? t('playbook.title', { name: playbook.definition.name }) : t('playbook.guide');
  const header = (
    <>
      <h3 id="playbook-title" tabIndex={-1} ref={titleRef}>
        {title}
      </h3>
      {playbook.version > 0 && (
        <p className="muted" data-testid="playbook-version">
          {t('playbook.version', { version: playbook.version })} · {playbook.isPinned ? t('playbook.pinned') : t('playbook.notPinned')}
        </p>
      )}
    </>
  );
  if (!status || playbook.problem) {
    return (
      <aside aria-labelledby="playbook-title" className="guide" ref={asideRef}>
        {header}
        <p role="status">{playbook.problem?.kind === 'invalid' ? t('playbook.invalid', { message: playbook.problem.message }) : t('playbook.missing')}</p>
      </aside>
    );
  }

  const ctx: CardContext = {
    db,
    caseView,
    playbook,
    status,
    userId,
    mutate,
    isReadOnly,
    onFinished: (key) => {
      finishedKey.current = key;
    },
    onStarted: (key) => document.getElementById(cardHeadingId(key))?.focus(),
  };
  const hold = playbook.isPinned ? holdItems(status) : [];
  const upcoming = status.activities.filter((a) => a.state === 'pending');
  const finished = status.activities.filter(isFinished);

  return (
    <aside aria-labelledby="playbook-title" className="guide" ref={asideRef}>
      {header}
      <StageBar status={status} />
      {isCaseReadOnly ? <p className="muted">{t('playbook.readOnly')}</p> : !canWork && <p className="muted">{t('playbook.followOnly')}</p>}
      {hold.length > 0 && !isReadOnly && <ResolutionHold items={hold} />}
      <h4 className="guidehead">{t('playbook.current')}</h4>
      {status.isComplete ? (
        <p>{t('playbook.isComplete')}</p>
      ) : current.length === 0 ? (
        <p className="muted">{t('playbook.nothingNow')}</p>
      ) : (
        current.map((activity) => <ActivityCard key={activity.key} activity={activity} ctx={ctx} />)
      )}
      <h4 className="guidehead">{t('playbook.upcoming')}</h4>
      {upcoming.length === 0 ? (
        <p className="muted">{t('playbook.noUpcoming')}</p>
      ) : (
        <ul className="plain upcoming" aria-label={t('playbook.upcoming')}>
          {upcoming.map((a) => (
            <li key={a.key}>{t('playbook.upcomingLine', { name: a.definition.name, why: whyWaiting(a, status, looseT(t)) })}</li>
          ))}
        </ul>
      )}
      <h4 className="guidehead">{t('playbook.done')}</h4>
      {finished.length === 0 ? (
        <p className="muted">{t('playbook.noneDone')}</p>
      ) : (
        <ul className="plain donelist" aria-label={t('playbook.done')}>
          {finished.map((a) => (
            <li key={a.key}>
              <DoneItem activity={a} ctx={ctx} />
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}

function StageBar({ status }: { status: PlaybookStatus }) {
  const { t } = useTranslation();
  return (
    <ol className="stages" aria-label={t('playbook.stages')}>
      {status.stages.map((stage) => {
        const isCurrentStage = stage.key === status.currentStage;
        const percent = stage.total === 0 ? 0 : Math.round((stage.done / stage.total) * 100);
        return (
          <li key={stage.key} className={`stage stage-${stage.state}`} aria-current={isCurrentStage ? 'step' : undefined}>
            <span className="stagename">{stage.name}</span>
            <span className="stagefill" aria-hidden="true">
              <span style={{ width: `${stage.state === 'skipped' ? 0 : percent}%` }} />
            </span>
            <span className="stagecount">
              {stage.state === 'complete' ? '✓ ' : ''}
              {t(`playbook.stage_${stage.state}`)} · {t('playbook.stageProgress', { done: stage.done, total: stage.total })}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

function names(keys: readonly string[], status: PlaybookStatus): string {
  return keys.map((k) => `“${status.byKey.get(k)?.definition.name ?? k}”`).join(', ');
}

function whyWaiting(a: ActivityStatus, status: PlaybookStatus, t: Translate): string {
  const d = a.definition;
  switch (a.reason) {
    case 'stage_not_started':
      return t('playbook.why_stage_not_started', { stage: status.stages.find((s) => s.key === a.stageKey)?.name ?? a.stageKey });
    case 'waiting_previous':
    case 'waiting_activities':
      return t(a.reason === 'waiting_previous' ? 'playbook.why_waiting_previous' : 'playbook.why_waiting_activities', { names: names(a.waitingFor, status) });
    case 'waiting_start_condition':
      return t('playbook.why_waiting_start_condition', { condition: d.startWhen ? describeCondition(d.startWhen) : '' });
    case 'waiting_run_condition':
      return t('playbook.why_waiting_run_condition', { condition: d.runIf ? describeCondition(d.runIf) : '' });
    default:
      return t('playbook.why_other');
  }
}

/** "waiting to sync" / "made offline" marks of a step, like the case form's. */
function StepMarks({ step, playbook }: { step: ActivityStatus['step']; playbook: PlaybookView }) {
  const { t } = useTranslation();
  if (!step) return null;
  const isPending = playbook.pendingIds.has(step.id);
  const isOffline = isPending ? !navigator.onLine : wasMadeOffline(step.deviceTime, step.createdAt);
  return (
    <>
      {isOffline && <span className="muted"> · {t('playbook.madeOffline')}</span>}
      {isPending && <span className="badge">{t('playbook.waiting')}</span>}
    </>
  );
}

function ActivityCard({ activity, ctx }: { activity: ActivityStatus; ctx: CardContext }) {
  const { t } = useTranslation();
  const { run, error } = useMutationRunner(ctx.mutate, t('case.notSaved'));
  const d = activity.definition;
  const headingId = cardHeadingId(d.key);
  return (
    <section className="pcard pcard-current" aria-labelledby={headingId} data-activity={d.key}>
      <h4 id={headingId} tabIndex={-1}>
        {d.name}
      </h4>
      <p className="muted pmeta">
        {t(`playbook.kind_${d.kind}`)}
        {d.mandatory ? '' : ` · ${t('playbook.optional')}`}
        {activity.state === 'in_progress' ? ` · ${t('playbook.inProgress')}` : ''}
        <StepMarks step={activity.started} playbook={ctx.playbook} />
      </p>
      {d.description && <p className="pdesc">{d.description}</p>}
      <CardBody activity={activity} ctx={ctx} run={run} />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {!d.mandatory && !ctx.isReadOnly && <SkipControl activity={activity} ctx={ctx} run={run} />}
    </section>
  );
}

type BodyProps = { activity: ActivityStatus; ctx: CardContext; run: RunMutation };

function CardBody(props: BodyProps) {
  const d = props.activity.definition;
  switch (d.kind) {
    case 'instruction':
      return <InstructionBody {...props} definition={d} />;
    case 'checklist':
      return <ChecklistBody {...props} definition={d} />;
    case 'form':
      return <FormBody {...props} definition={d} />;
    case 'decision':
      return <DecisionBody {...props} definition={d} />;
    case 'approval':
      return <ApprovalBody {...props} definition={d} />;
    case 'task':
      return <TaskBody {...props} definition={d} />;
    case 'communication':
      return <CommunicationBody {...props} definition={d} />;
    case 'wait_for':
      return <WaitForBody definition={d} />;
    default: {
      const exhaustive: never = d;
      return exhaustive;
    }
  }
}

type Of<K extends ActivityDefinition['kind']> = Extract<ActivityDefinition, { kind: K }>;

/** Completes a manual activity after checking it on the device; returns the engine's problems (empty when queued). */
async function completeActivity(ctx: CardContext, run: RunMutation, key: string, data: Record<string, unknown>, commentId: string | null = null): Promise<ReturnType<typeof checkCompletion>> {
  const problems = checkCompletion(ctx.status, key, data);
  if (problems.length > 0) return problems;
  if (await run('playbook.completeActivity', { ...stepArgs(ctx, key), data, commentId })) ctx.onFinished(key);
  return [];
}

function Problems({ problems }: { problems: string[] }) {
  if (problems.length === 0) return null;
  return (
    <div role="alert" className="error">
      {problems.length === 1 ? (
        <p>{problems[0]}</p>
      ) : (
        <ul>
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function InstructionBody({ activity, ctx, run, definition }: BodyProps & { definition: Of<'instruction'> }) {
  const { t } = useTranslation();
  const [problems, setProblems] = useState<string[]>([]);
  return (
    <>
      {definition.links.length > 0 && (
        <ul className="plain links" aria-label={t('playbook.links')}>
          {definition.links.map((link) => (
            <li key={link.url}>
              <a href={link.url} target="_blank" rel="noopener noreferrer">
                {link.label}
                <span className="sr-only"> {t('playbook.newTab')}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
      <Problems problems={problems} />
      {!ctx.isReadOnly && (
        <div className="actions">
          <button type="button" onClick={() => void completeActivity(ctx, run, activity.key, {}).then((p) => setProblems(p.map((x) => x.message)))}>
            {t('playbook.markDone')}
          </button>
        </div>
      )}
    </>
  );
}

function ChecklistBody({ activity, ctx, run, definition }: BodyProps & { definition: Of<'checklist'> }) {
  const { t } = useTranslation();
  const [checked, setChecked] = useState<string[]>([]);
  const [missing, setMissing] = useState<string[]>([]);
  const [other, setOther] = useState<string[]>([]);
  const toggle = (key: string, on: boolean) => {
    setChecked((c) => (on ? [...c.filter((k) => k !== key), key] : c.filter((k) => k !== key)));
    setMissing((m) => m.filter((k) => k !== key));
  };
  const complete = async () => {
    // Items in the checklist's order, whatever order they were ticked in.
    const ordered = definition.items.map((i) => i.key).filter((k) => checked.includes(k));
    const problems = await completeActivity(ctx, run, activity.key, { checked: ordered });
    const prefix = 'data.checked.';
    setMissing(problems.filter((p) => p.path.startsWith(prefix)).map((p) => p.path.slice(prefix.length)));
    setOther(problems.filter((p) => !p.path.startsWith(prefix)).map((p) => p.message));
  };
  const labelOf = (key: string) => definition.items.find((i) => i.key === key)?.label ?? key;
  return (
    <>
      <fieldset className="checklist" disabled={ctx.isReadOnly}>
        <legend>{t('playbook.items')}</legend>
        {definition.items.map((item) => {
          const id = `pb-${activity.key}-${item.key}`;
          const isMissing = missing.includes(item.key);
          return (
            <div key={item.key} className="checkitem">
              <input id={id} type="checkbox" checked={checked.includes(item.key)} aria-invalid={isMissing ? true : undefined} aria-describedby={isMissing ? `${id}-error` : undefined} onChange={(e) => toggle(item.key, e.target.checked)} />
              <label htmlFor={id}>{item.required ? item.label : t('playbook.itemOptional', { label: item.label })}</label>
              {isMissing && (
                <span id={`${id}-error`} className="error">
                  {t('playbook.mustTick', { label: item.label })}
                </span>
              )}
            </div>
          );
        })}
      </fieldset>
      {missing.length > 0 && (
        <div role="alert" className="error" data-testid="checklist-refused">
          <p>{t('playbook.notComplete')}</p>
          <ul>
            {missing.map((k) => (
              <li key={k}>{t('playbook.mustTick', { label: labelOf(k) })}</li>
            ))}
          </ul>
        </div>
      )}
      <Problems problems={other} />
      {!ctx.isReadOnly && (
        <div className="actions">
          <button type="button" onClick={() => void complete()}>
            {t('playbook.complete')}
          </button>
        </div>
      )}
    </>
  );
}

type Answer = string | number | boolean | null;

/** A form's starting answers: what the case already holds for the fields written to it. */
function initialAnswers(definition: Of<'form'>, caseView: CaseView): Record<string, Answer> {
  const answers: Record<string, Answer> = {};
  const c = caseView.c as unknown as Record<string, unknown>;
  for (const field of definition.fields) {
    if (!field.writeTo) continue;
    const value = field.writeTo.startsWith('customFields.') ? caseView.c.customFields[field.writeTo.slice('customFields.'.length)] : c[field.writeTo];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') answers[field.key] = value;
  }
  return answers;
}

function FormBody({ activity, ctx, run, definition }: BodyProps & { definition: Of<'form'> }) {
  const { t } = useTranslation();
  const [answers, setAnswers] = useState<Record<string, Answer>>(() => initialAnswers(definition, ctx.caseView));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [other, setOther] = useState<string[]>([]);
  const prefix = `pb-${activity.key}`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const cleaned = Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== '' && v !== null && v !== undefined));
    const found = await completeActivity(ctx, run, activity.key, { answers: cleaned });
    const byField: Record<string, string> = {};
    const rest: string[] = [];
    for (const p of found) {
      const key = p.path.startsWith('data.answers.') ? p.path.slice('data.answers.'.length) : null;
      if (key && definition.fields.some((f) => f.key === key)) byField[key] ??= p.message;
      else rest.push(p.message);
    }
    setProblems(byField);
    setOther(rest);
    const first = definition.fields.find((f) => byField[f.key]);
    if (first) document.getElementById(`${prefix}-${first.key}`)?.focus();
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="pform" noValidate>
      <fieldset disabled={ctx.isReadOnly}>
        {Object.keys(problems).length > 0 && <p className="error">{t('playbook.fixAnswers')}</p>}
        {definition.fields.map((field) => (
          <CustomFieldInput
            key={field.key}
            idPrefix={prefix}
            field={field}
            value={answers[field.key] ?? null}
            problem={problems[field.key]}
            onChange={(v) => {
              setAnswers((a) => ({ ...a, [field.key]: v }));
              setProblems(({ [field.key]: _, ...rest }) => rest);
            }}
          />
        ))}
        <Problems problems={other} />
        {!ctx.isReadOnly && (
          <div className="actions">
            <button type="submit">{t('playbook.complete')}</button>
          </div>
        )}
      </fieldset>
    </form>
  );
}

function DecisionBody({ activity, ctx, run, definition }: BodyProps & { definition: Of<'decision'> }) {
  const { t } = useTranslation();
  const [branch, setBranch] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const isAutomatic = definition.branches.some((b) => b.when);
  if (isAutomatic) {
    return (
      <>
        <p>{definition.question}</p>
        <p className="muted">{t('playbook.automatic')}</p>
        <ul className="plain conditions">
          {definition.branches.map((b) => (
            <li key={b.key}>{b.when ? t('playbook.branchWhen', { label: b.label, condition: describeCondition(b.when) }) : t('playbook.branchOtherwise', { label: b.label })}</li>
          ))}
        </ul>
      </>
    );
  }
  const name = `pb-${activity.key}-branch`;
  const confirm = async () => {
    if (!branch) return setProblem(t('playbook.chooseBranch'));
    const problems = await completeActivity(ctx, run, activity.key, { branch });
    setProblem(problems.length ? problems.map((p) => p.message).join('; ') : null);
  };
  return (
    <>
      <fieldset className="radios decision" disabled={ctx.isReadOnly} aria-describedby={problem ? `${name}-error` : undefined}>
        <legend>{definition.question}</legend>
        {definition.branches.map((b) => (
          <label key={b.key}>
            <input
              type="radio"
              name={name}
              value={b.key}
              checked={branch === b.key}
              onChange={() => {
                setBranch(b.key);
                setProblem(null);
              }}
            />{' '}
            {b.label}
          </label>
        ))}
      </fieldset>
      {problem && (
        <p id={`${name}-error`} role="alert" className="error">
          {problem}
        </p>
      )}
      {!ctx.isReadOnly && (
        <div className="actions">
          <button type="button" onClick={() => void confirm()}>
            {t('playbook.confirm')}
          </button>
        </div>
      )}
    </>
  );
}

function roleLabel(role: string): string {
  return role.replace(/_/g, ' ');
}

/** The approvals of an approval activity: who, what they decided, when, with what comment. */
function ApprovalList({ activity, playbook }: { activity: ActivityStatus; playbook: PlaybookView }) {
  const { t } = useTranslation();
  const when = useDateFormat();
  const live = activity.approvals;
  if (live.length === 0) return null;
  return (
    <ul className="plain approvals" aria-label={t('playbook.approvalStates')}>
      {live.map((a) => {
        const who = a.approverId ? (playbook.names.get(a.approverId) ?? '') : t('playbook.approverRole', { role: roleLabel(a.approverRole ?? '') });
        return (
          <li key={a.id}>
            <span className={`approval-${a.state}`}>{t('playbook.approvalLine', { who, state: t(`playbook.approvalState_${a.state}`) })}</span>
            {a.decidedAt && <span className="muted"> · {t('playbook.decidedBy', { name: playbook.names.get(a.decidedById ?? '') ?? '', time: when(a.decidedAt) })}</span>}
            {playbook.pendingIds.has(a.id) && <span className="badge">{t('playbook.waiting')}</span>}
            {a.comment && <p className="quote">{t('playbook.approvalComment', { comment: a.comment })}</p>}
          </li>
        );
      })}
    </ul>
  );
}

function ApprovalBody({ activity, ctx, run, definition }: BodyProps & { definition: Of<'approval'> }) {
  const { t } = useTranslation();
  const plan = approverPlan(definition, ctx.playbook.users);
  const request = async () => {
    if (!Array.isArray(plan)) return;
    const approvals = plan.map((p) => ({ id: crypto.randomUUID(), approverId: p.approverId, approverRole: p.approverRole }));
    if (await run('playbook.requestApproval', { ...stepArgs(ctx, activity.key), approvals })) ctx.onStarted(activity.key);
  };
  if (activity.state === 'in_progress') {
    return (
      <>
        <p className="muted">{t(`playbook.rule_${definition.rule}`)}</p>
        <ApprovalList activity={activity} playbook={ctx.playbook} />
      </>
    );
  }
  return (
    <>
      <h5>{t('playbook.approvers')}</h5>
      {Array.isArray(plan) ? (
        <ul className="plain" aria-label={t('playbook.approvers')}>
          {plan.map((p) => (
            <li key={p.approverId ?? `role-${p.approverRole ?? ''}`}>{p.approverId ? (ctx.playbook.names.get(p.approverId) ?? '') : t('playbook.approverRole', { role: roleLabel(p.approverRole ?? '') })}</li>
          ))}
        </ul>
      ) : (
        <p role="alert" className="error">
          {plan.message}
        </p>
      )}
      <p className="muted">{t(`playbook.rule_${definition.rule}`)}</p>
      {!ctx.isReadOnly && (
        <div className="actions">
          <button type="button" disabled={!Array.isArray(plan)} onClick={() => void request()}>
            {t('playbook.requestApproval')}
          </button>
        </div>
      )}
    </>
  );
}

function TaskBody({ activity, ctx, run, definition }: BodyProps & { definition: Of<'task'> }) {
  const { t } = useTranslation();
  const c = ctx.caseView.c;
  const [groupId, setGroupId] = useState(c.assignmentGroupId ?? '');
  const [assigneeId, setAssigneeId] = useState('');
  const members = useLiveQuery(async () => (groupId ? groupMembers(ctx.db, groupId) : []), [ctx.db, groupId]);
  const taskId = activity.task?.id ?? (typeof activity.started?.data.taskId === 'string' ? activity.started.data.taskId : null);
  const task = taskId ? ctx.caseView.tasks.find((x) => x.id === taskId) : undefined;

  if (activity.state === 'in_progress') {
    const number = task?.number || activity.task?.number || t('playbook.notNumbered');
    const state = task?.state ?? activity.task?.state ?? 'open';
    return (
      <>
        <p data-testid="playbook-task">
          {t('playbook.taskCreated')} <strong>{number}</strong> · {definition.task.shortDescription} · {t(`case.taskState_${state}` as 'case.taskState_open')}
          {task?.assigneeName ? ` · ${task.assigneeName}` : ''}
          {task?.isPending && <span className="badge">{t('playbook.waiting')}</span>}
        </p>
        {task && isOpenTask(task.state) && !ctx.isReadOnly && (
          <div className="actions">
            <button type="button" onClick={() => void run('task.update', { id: task.id, changes: { state: 'completed' }, base: { state: task.state } }).then((ok) => ok && ctx.onFinished(activity.key))}>
              {t('playbook.completeTask', { number: task.number || task.shortDescription })}
            </button>
            <button type="button" className="secondary" onClick={() => document.getElementById('case-tasks')?.scrollIntoView({ block: 'start' })}>
              {t('playbook.showTasks')}
            </button>
          </div>
        )}
      </>
    );
  }

  const create = async (event: FormEvent) => {
    event.preventDefault();
    if (await run('playbook.createTask', { ...stepArgs(ctx, activity.key), taskId: crypto.randomUUID(), assignmentGroupId: groupId || null, assignedToId: assigneeId || null })) ctx.onStarted(activity.key);
  };
  const prefix = `pb-${activity.key}`;
  return (
    <>
      <h5>{t('playbook.taskToCreate')}</h5>
      <dl className="facts">
        <dt>{t('playbook.taskTitle')}</dt>
        <dd>{definition.task.shortDescription}</dd>
        <dt>{t('playbook.taskKind')}</dt>
        <dd>{t(`case.kind_${definition.task.kind}`)}</dd>
        <dt>{t('playbook.taskPriority')}</dt>
        <dd>{t(`priority.p${definition.task.priority}` as 'priority.p3')}</dd>
      </dl>
      {definition.task.description && <p className="pdesc">{definition.task.description}</p>}
      {!ctx.isReadOnly && (
        <form onSubmit={(e) => void create(e)} className="inline">
          <label htmlFor={`${prefix}-group`}>
            {t('playbook.group')}
            <select
              id={`${prefix}-group`}
              value={groupId}
              onChange={(e) => {
                setGroupId(e.target.value);
                setAssigneeId('');
              }}
            >
              <option value="">{t('playbook.noGroup')}</option>
              {ctx.caseView.groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          </label>
          <label htmlFor={`${prefix}-assignee`}>
            {t('playbook.assignee')}
            <select id={`${prefix}-assignee`} value={assigneeId} onChange={(e) => setAssigneeId(e.target.value)}>
              <option value="">{t('playbook.nobody')}</option>
              {(members ?? []).map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">{t('playbook.createTask')}</button>
        </form>
      )}
    </>
  );
}

/** The values a message template may use: the case (and its own fields), the customer, the agent, earlier answers and outcomes. */
function templateValues(ctx: CardContext, t: Translate): Record<string, string | number | null> {
  const c = ctx.caseView.c;
  const values: Record<string, string | number | null> = {};
  for (const [k, v] of Object.entries(c)) if (typeof v === 'string' || typeof v === 'number') values[`case.${k}`] = v;
  for (const [k, v] of Object.entries(c.customFields)) values[`case.customFields.${k}`] = typeof v === 'boolean' ? (v ? t('playbook.yes') : t('playbook.no')) : v;
  values['case.number'] = c.number || null;
  values['customer.name'] = ctx.caseView.customer?.name ?? null;
  values['agent.name'] = ctx.playbook.names.get(ctx.userId) ?? null;
  for (const a of ctx.status.activities) {
    if (a.state === 'complete' && a.outcome) values[`outcome.${a.key}`] = a.definition.kind === 'decision' ? (a.definition.branches.find((b) => b.key === a.outcome)?.label ?? a.outcome) : a.outcome;
    const answers = a.state === 'complete' ? a.step?.data.answers : undefined;
    if (!answers || typeof answers !== 'object') continue;
    for (const [k, v] of Object.entries(answers as Record<string, unknown>)) {
      if (typeof v === 'string' || typeof v === 'number') values[`answers.${a.key}.${k}`] = v;
      else if (typeof v === 'boolean') values[`answers.${a.key}.${k}`] = v ? t('playbook.yes') : t('playbook.no');
    }
  }
  return values;
}

function CommunicationBody({ activity, ctx, run, definition }: BodyProps & { definition: Of<'communication'> }) {
  const { t } = useTranslation();
  const rendered = renderTemplate(definition.template, templateValues(ctx, looseT(t)));
  const [body, setBody] = useState(rendered);
  const [problem, setProblem] = useState<string | null>(null);
  // The message follows its template (a case number arriving from the store) until the agent edits it.
  const shown = useRef(rendered);
  useEffect(() => {
    if (shown.current === rendered) return;
    setBody((b) => (b === shown.current ? rendered : b));
    shown.current = rendered;
  }, [rendered]);
  const id = `pb-${activity.key}-message`;
  const send = async () => {
    if (!body.trim()) return setProblem(t('playbook.emptyMessage'));
    const problems = await completeActivity(ctx, run, activity.key, { body: body.trim() }, crypto.randomUUID());
    setProblem(problems.length ? problems.map((p) => p.message).join('; ') : null);
  };
  return (
    <>
      <div className="field">
        <label htmlFor={id}>{t('playbook.message')}</label>
        <textarea
          id={id}
          className="message"
          rows={10}
          value={body}
          maxLength={8000}
          readOnly={ctx.isReadOnly}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-error` : undefined}
          onChange={(e) => {
            setBody(e.target.value);
            setProblem(null);
          }}
        />
        {problem && (
          <span id={`${id}-error`} className="error">
            {problem}
          </span>
        )}
      </div>
      {!ctx.isReadOnly && (
        <div className="actions">
          <button type="button" onClick={() => void send()}>
            {t('playbook.send')}
          </button>
        </div>
      )}
    </>
  );
}

function WaitForBody({ definition }: { definition: Of<'wait_for'> }) {
  const { t } = useTranslation();
  return <p className="waiting">{t('playbook.waitingUntil', { condition: describeCondition(definition.condition) })}</p>;
}

function SkipControl({ activity, ctx, run }: BodyProps) {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const skipRef = useRef<HTMLButtonElement>(null);
  const id = `pb-${activity.key}-skip`;
  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setProblem(t('playbook.reasonRequired'));
      reasonRef.current?.focus();
      return;
    }
    const problems = checkSkip(ctx.status, activity.key);
    if (problems.length > 0) return setProblem(problems.map((p) => p.message).join('; '));
    if (await run('playbook.skipActivity', { ...stepArgs(ctx, activity.key), reason: reason.trim() })) ctx.onFinished(activity.key);
  };
  if (!isOpen) {
    return (
      <div className="actions">
        <button
          type="button"
          className="secondary"
          ref={skipRef}
          aria-expanded={false}
          onClick={() => {
            setOpen(true);
            requestAnimationFrame(() => reasonRef.current?.focus());
          }}
        >
          {t('playbook.skip')}
        </button>
      </div>
    );
  }
  return (
    <form className="skip" onSubmit={(e) => void confirm(e)} noValidate>
      <label htmlFor={id}>{t('playbook.skipReason', { name: activity.definition.name })}</label>
      <textarea
        id={id}
        ref={reasonRef}
        value={reason}
        maxLength={1000}
        required
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-error` : undefined}
        onChange={(e) => {
          setReason(e.target.value);
          setProblem(null);
        }}
      />
      {problem && (
        <span id={`${id}-error`} className="error">
          {problem}
        </span>
      )}
      <div className="actions">
        <button type="submit">{t('playbook.confirmSkip')}</button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setOpen(false);
            setReason('');
            setProblem(null);
            requestAnimationFrame(() => skipRef.current?.focus());
          }}
        >
          {t('playbook.cancel')}
        </button>
      </div>
    </form>
  );
}

function answerText(value: unknown, t: Translate): string {
  if (typeof value === 'boolean') return value ? t('playbook.yes') : t('playbook.no');
  if (value === null || value === undefined || value === '') return '—';
  return String(value);
}

/** What a finished activity recorded: answers, ticks, branch, message, decisions, task, reason. */
function DoneDetails({ activity, playbook }: { activity: ActivityStatus; playbook: PlaybookView }) {
  const { t } = useTranslation();
  const d = activity.definition;
  const step = activity.step;
  const parts: ReactNode[] = [];
  if (activity.reason === 'skipped_by_user' && step?.reason) parts.push(<p key="reason">{t('playbook.skippedBecause', { reason: step.reason })}</p>);
  if (activity.reason === 'run_condition_false') parts.push(<p key="na">{t('playbook.notApplicable', { condition: d.runIf ? describeCondition(d.runIf) : '' })}</p>);
  if (activity.reason === 'stage_skipped') parts.push(<p key="stage">{t('playbook.stageSkipped')}</p>);
  if (activity.state === 'complete') {
    const data = step?.data ?? {};
    switch (d.kind) {
      case 'checklist': {
        const checked = Array.isArray(data.checked) ? data.checked : [];
        parts.push(
          <ul key="ticks" className="plain">
            {d.items.map((item) => (
              <li key={item.key}>
                {checked.includes(item.key) ? '☑' : '☐'} {item.label} <span className="muted">({checked.includes(item.key) ? t('playbook.ticked') : t('playbook.notTicked')})</span>
              </li>
            ))}
          </ul>,
        );
        break;
      }
      case 'form': {
        const answers = data.answers && typeof data.answers === 'object' ? (data.answers as Record<string, unknown>) : {};
        parts.push(
          <dl key="answers" className="facts">
            {d.fields.map((field) => (
              <div key={field.key} className="factrow">
                <dt>{field.label}</dt>
                <dd>{answerText(answers[field.key], looseT(t))}</dd>
              </div>
            ))}
          </dl>,
        );
        break;
      }
      case 'decision': {
        const label = d.branches.find((b) => b.key === activity.outcome)?.label ?? activity.outcome ?? '';
        parts.push(<p key="branch">{activity.reason === 'decided_automatically' ? t('playbook.decidedAutomatically', { label }) : t('playbook.answered', { label })}</p>);
        break;
      }
      case 'communication':
        parts.push(
          <div key="body">
            <p>{t('playbook.sentMessage')}</p>
            <p className="prewrap">{typeof data.body === 'string' ? data.body : ''}</p>
          </div>,
        );
        break;
      case 'approval':
        parts.push(<ApprovalList key="approvals" activity={activity} playbook={playbook} />);
        break;
      case 'task':
        if (activity.task) parts.push(<p key="task">{t('playbook.taskResult', { number: activity.task.number || t('playbook.notNumbered'), state: t(`case.taskState_${activity.task.state}` as 'case.taskState_open') })}</p>);
        break;
      case 'wait_for':
        parts.push(<p key="met">{t('playbook.conditionMet')}</p>);
        break;
      case 'instruction':
        break;
      default: {
        const exhaustive: never = d;
        return exhaustive;
      }
    }
  }
  return <>{parts}</>;
}

function DoneItem({ activity, ctx }: { activity: ActivityStatus; ctx: CardContext }) {
  const { t } = useTranslation();
  const when = useDateFormat();
  // Who finished it: the person who recorded the step, or for an approval the approver whose decision settled it.
  const decisive = activity.definition.kind === 'approval' ? activity.approvals.find((a) => a.state === activity.outcome && a.decidedById) : undefined;
  const actedBy = decisive ? { actorId: decisive.decidedById ?? '', deviceTime: decisive.decidedAt, createdAt: decisive.decidedAt ?? '' } : (activity.step ?? activity.started);
  const result = activity.state === 'skipped' ? 'skipped' : activity.outcome === 'approved' || activity.outcome === 'rejected' ? activity.outcome : 'complete';
  return (
    <details className="done" data-activity={activity.key}>
      <summary>
        <span className="donename">{activity.definition.name}</span> · <span className={`result-${result}`}>{t(`playbook.result_${result}`)}</span>
        {actedBy && <span className="muted"> · {t('playbook.by', { name: ctx.playbook.names.get(actedBy.actorId) ?? '', time: when(actedBy.deviceTime ?? actedBy.createdAt) })}</span>}
        <StepMarks step={activity.step} playbook={ctx.playbook} />
      </summary>
      <div className="donebody">
        <DoneDetails activity={activity} playbook={ctx.playbook} />
      </div>
    </details>
  );
}
