/**
 * One work order in the field work view's detail pane: what to do and where, who to meet, what the
 * install base at the site looks like and what was done on it before, what covers the work, the
 * case's playbook, and the technician's own work (state, completion, notes, photos, the item).
 * Everything is read from the device (live), so it works the same offline.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { playbookWorkerRoles } from '../../shared/access/policy';
import { relationshipTypes, type RelationshipType } from '../../shared/domain/collaboration';
import { minutesWorked, taskStates, type Task } from '../../shared/domain/task';
import type { MutationName } from '../../shared/sync/mutations';
import { useSession } from '../app/sessionStore';
import type { RecordTab } from '../app/uiStore';
import type { CasewayDb } from '../db/database';
import { contractStatusKey, entitlementStatusKey, keyOf } from '../people/labels';
import { ProductTree } from '../people/ProductTree';
import { useFormats } from '../people/useFormats';
import { loadPlaybookView } from '../playbooks/playbookData';
import { PlaybookGuide } from '../playbooks/PlaybookGuide';
import { attachmentContent } from '../sync/attachments';
import { httpTransport } from '../sync/httpTransport';
import type { WorkOrderView } from './fieldWorkData';
import { ItemActions } from './ItemActions';
import { AttachForm, CompleteForm, NoteForm, StateActions } from './WorkActions';

type Mutate = (name: MutationName, args: unknown) => Promise<number>;
type Props = { db: CasewayDb; view: WorkOrderView; userId: string; mutate: Mutate; onOpen: (tab: RecordTab) => void; onBack: () => void };

function Part({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="card">
      <h4 id={id}>{title}</h4>
      {children}
    </section>
  );
}

const isTaskState = (state: string): state is Task['state'] => (taskStates as readonly string[]).includes(state);

type Role = 'consumer' | 'contact' | 'account' | RelationshipType;
const isRole = (role: string): role is Role => role === 'consumer' || role === 'contact' || role === 'account' || Object.hasOwn(relationshipTypes, role);

function useRoleLabel(): (role: string) => string {
  const { t } = useTranslation();
  return (role) => (isRole(role) ? t(`fieldwork.role_${role}`) : role.replace(/_/g, ' '));
}

function PeoplePart({ view }: { view: WorkOrderView }) {
  const { t } = useTranslation();
  const roleLabel = useRoleLabel();
  return (
    <Part id="fw-people" title={t('fieldwork.people')}>
      {view.people.length === 0 ? (
        <p className="muted">{view.peopleExpected > 0 ? t('fieldwork.peopleMissing') : t('fieldwork.noPeople')}</p>
      ) : (
        <ul className="plain" aria-label={t('fieldwork.people')}>
          {view.people.map((p) => (
            <li key={p.key}>
              <strong>{p.name}</strong> <span className="muted">· {roleLabel(p.role)}</span>
              {[p.phone, p.mobile].filter((n): n is string => n !== null).map((n) => (
                <span key={n}>
                  {' · '}
                  <a href={`tel:${n.replace(/\s+/g, '')}`}>{n}</a>
                </span>
              ))}
              {p.email && (
                <>
                  {' · '}
                  <a href={`mailto:${p.email}`}>{p.email}</a>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {view.people.length > 0 && view.people.length < view.peopleExpected && <p className="muted">{t('fieldwork.peopleMissing')}</p>}
    </Part>
  );
}

function HistoryPart({ view }: { view: WorkOrderView }) {
  const { t } = useTranslation();
  const f = useFormats();
  const h = view.history;
  return (
    <Part id="fw-history" title={t('fieldwork.history')}>
      {!view.itemExpected ? (
        <p className="muted">{t('fieldwork.noItem')}</p>
      ) : !h ? (
        <p className="muted">{t('fieldwork.historyMissing')}</p>
      ) : (
        <>
          <p className="muted">{t('fieldwork.historyFetched', { time: f.dateTime(h.fetchedAt) })}</p>
          <h5>{t('fieldwork.earlierCases')}</h5>
          {h.cases.length === 0 ? (
            <p className="muted">{t('fieldwork.noEarlierCases')}</p>
          ) : (
            <ul className="plain" aria-label={t('fieldwork.earlierCases')}>
              {h.cases.map((c) => (
                <li key={c.id}>
                  <strong>{c.number}</strong> {c.shortDescription}{' '}
                  <span className="muted">
                    · {t('fieldwork.openedOn', { date: f.dateTime(c.openedAt) })}
                    {c.resolvedAt ? ` · ${t('fieldwork.resolvedOn', { date: f.dateTime(c.resolvedAt) })}` : ''}
                    {c.resolutionCode ? ` · ${c.resolutionCode}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <h5>{t('fieldwork.earlierWork')}</h5>
          {h.work.length === 0 ? (
            <p className="muted">{t('fieldwork.noEarlierWork')}</p>
          ) : (
            <ul className="plain" aria-label={t('fieldwork.earlierWork')}>
              {h.work.map((w) => (
                <li key={w.id}>
                  <strong>{w.number}</strong> {w.shortDescription} <span className="muted">· {isTaskState(w.state) ? t(`case.taskState_${w.state}`) : w.state}</span>
                  {w.completedAt && <span className="muted"> · {t('fieldwork.completedOn', { date: f.dateTime(w.completedAt) })}</span>}
                  {w.assignedToName && <span className="muted"> · {w.assignedToName}</span>}
                  {w.partsUsed.length > 0 && <div className="muted">{t('fieldwork.partsLine', { parts: w.partsUsed.map((p) => `${p.quantity} × ${p.name} (${p.partNumber})`).join(', ') })}</div>}
                  {w.notes.map((n, i) => (
                    <blockquote key={i}>{n}</blockquote>
                  ))}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Part>
  );
}

function CoveragePart({ view }: { view: WorkOrderView }) {
  const { t } = useTranslation();
  const f = useFormats();
  const c = view.contract;
  const e = view.entitlement;
  const contractLabel = c ? keyOf(contractStatusKey, c.status) : undefined;
  const entitlementLabel = e ? keyOf(entitlementStatusKey, e.status) : undefined;
  return (
    <Part id="fw-coverage" title={t('fieldwork.coverage')}>
      {view.coverageExpected === 0 ? (
        <p className="muted">{t('fieldwork.noCoverage')}</p>
      ) : (
        <dl className="facts">
          <dt>{t('fieldwork.contract')}</dt>
          <dd>{c ? `${c.record.number} · ${c.record.name} (${f.date(c.record.startsOn)} – ${f.date(c.record.endsOn)}) · ${contractLabel ? t(`people.${contractLabel}`) : c.status}` : t('fieldwork.notOnDevice')}</dd>
          <dt>{t('fieldwork.entitlement')}</dt>
          <dd>
            {e
              ? `${e.record.name} · ${entitlementLabel ? t(`people.${entitlementLabel}`) : e.status}${e.record.unit === 'unlimited' || e.record.totalUnits === null ? '' : ` · ${t('fieldwork.unitsLeft', { remaining: e.record.remainingUnits ?? e.record.totalUnits, total: e.record.totalUnits, unit: e.record.unit })}`}`
              : t('fieldwork.notOnDevice')}
          </dd>
        </dl>
      )}
    </Part>
  );
}

function AttachmentsPart({ db, view }: { db: CasewayDb; view: WorkOrderView }) {
  const { t } = useTranslation();
  const token = useSession((s) => s.token);
  const [error, setError] = useState<string | null>(null);
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
      setError(t('fieldwork.unavailableOffline'));
    }
  };
  return (
    <>
      {view.attachments.length === 0 ? (
        <p className="muted">{t('fieldwork.noAttachments')}</p>
      ) : (
        <ul className="plain" aria-label={t('fieldwork.attachments')}>
          {view.attachments.map((a) => (
            <li key={a.id}>
              <button type="button" className="link" onClick={() => void open(a.id, a.fileName)}>
                {a.fileName}
              </button>{' '}
              <span className="muted">
                · {Math.max(1, Math.round(a.sizeBytes / 1024))} KB · {a.isOfWorkOrder ? t('fieldwork.ofWorkOrder') : t('fieldwork.ofCase')} · {a.hasContent ? t('fieldwork.onDevice') : t('fieldwork.notOnDevice')}
              </span>
              {a.isPending && <span className="badge">{t('fieldwork.waiting')}</span>}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </>
  );
}

export function WorkOrderDetail({ db, view, userId, mutate, onOpen, onBack }: Props) {
  const { t } = useTranslation();
  const f = useFormats();
  const heading = useRef<HTMLHeadingElement>(null);
  const [isCompleting, setCompleting] = useState(false);
  const { task } = view;
  const caseId = task.caseId;
  const playbook = useLiveQuery(async () => (caseId ? loadPlaybookView(db, caseId) : null), [db, caseId]);
  const canWork = useSession((s) => s.user?.roles.some((r) => playbookWorkerRoles.includes(r)) ?? false);
  const category = view.caseView?.lifecycle?.states.find((s) => s.key === view.caseView?.c.state)?.category;
  const isCaseReadOnly = category === 'closed' || category === 'cancelled';

  useEffect(() => {
    heading.current?.focus();
    setCompleting(false);
  }, [task.id]);

  const worked = minutesWorked(task.workLog, new Date().toISOString());
  return (
    <article
      aria-labelledby="fw-detail-title"
      className="fw-detail"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !(e.target instanceof HTMLTextAreaElement)) onBack();
      }}
    >
      <header className="fw-detail-head">
        <h3 id="fw-detail-title" tabIndex={-1} ref={heading}>
          {t('fieldwork.detailTitle', { number: task.number || t('fieldwork.notSynced'), description: task.shortDescription })}
        </h3>
        <p className="muted" data-testid="fw-state">
          {t(`case.kind_${task.kind}`)} · {t(`case.taskState_${task.state}`)}
          {task.scheduledStart ? ` · ${t('fieldwork.scheduledFor', { time: f.dateTime(task.scheduledStart) })}` : ''}
          {worked > 0 ? ` · ${t('fieldwork.worked', { minutes: worked })}` : ''}
          {view.isPending && <span className="badge">{t('fieldwork.waiting')}</span>}
        </p>
        <div className="fw-actions">
          {view.caseView && (
            <button type="button" className="link" onClick={() => onOpen({ kind: 'case', id: view.caseView?.c.id ?? '' })}>
              {t('fieldwork.openCase', { number: view.caseView.c.number })}
            </button>
          )}
          <button type="button" className="secondary small" onClick={onBack}>
            {t('fieldwork.back')}
          </button>
        </div>
      </header>
      {view.caseView && <p>{view.caseView.c.description ?? view.caseView.c.shortDescription}</p>}
      <StateActions view={view} mutate={mutate} onComplete={() => setCompleting(true)} />
      {isCompleting && task.state !== 'completed' && task.state !== 'cancelled' && <CompleteForm db={db} view={view} mutate={mutate} onDone={() => setCompleting(false)} />}
      {task.state === 'completed' && (
        <p role="status" data-testid="fw-completed">
          {t('fieldwork.completedSummary', { time: task.completedAt ? f.dateTime(task.completedAt) : '—', minutes: task.timeSpentMinutes })}
          {task.partsUsed.length > 0 && ` ${t('fieldwork.partsLine', { parts: task.partsUsed.map((p) => `${p.quantity} × ${p.name} (${p.partNumber})`).join(', ') })}`}
          {task.signOff && ` ${t('fieldwork.signedBy', { name: task.signOff.name })}`}
        </p>
      )}
      <div className="fw-parts-grid">
        <Part id="fw-site" title={t('fieldwork.site')}>
          {view.site.name || view.site.address ? (
            <p>{[view.site.name, view.site.address].filter(Boolean).join(' · ')}</p>
          ) : (
            <p className="muted">{view.site.expected ? t('fieldwork.notOnDevice') : t('fieldwork.noSite')}</p>
          )}
        </Part>
        <PeoplePart view={view} />
        <Part id="fw-item" title={t('fieldwork.installBase')}>
          {view.tree.length === 0 ? (
            <p className="muted">{view.itemExpected ? t('fieldwork.notOnDevice') : t('fieldwork.noItem')}</p>
          ) : (
            <>
              <p className="muted" id="fw-item-desc">
                {view.item ? t('fieldwork.itemOfWork', { name: view.item.name }) : ''}
              </p>
              <ProductTree forest={view.tree} label={t('fieldwork.installBase')} describedBy="fw-item-desc" />
              <ItemActions key={task.id} view={view} mutate={mutate} />
            </>
          )}
        </Part>
        <HistoryPart view={view} />
        <CoveragePart view={view} />
        <Part id="fw-notes" title={t('fieldwork.notes')}>
          <NoteForm view={view} mutate={mutate} />
          {view.notes.length === 0 ? (
            <p className="muted">{t('fieldwork.noNotes')}</p>
          ) : (
            <ol className="journal" aria-label={t('fieldwork.notes')}>
              {view.notes.map((n) => (
                <li key={n.id}>
                  <span className="muted">
                    {f.dateTime(n.deviceTime ?? n.createdAt)}
                    {n.isPending ? ` · ${t('fieldwork.waiting')}` : ''}
                  </span>
                  <p>{n.body}</p>
                </li>
              ))}
            </ol>
          )}
        </Part>
        <Part id="fw-attachments" title={t('fieldwork.attachments')}>
          {task.state !== 'completed' && task.state !== 'cancelled' && <AttachForm db={db} view={view} mutate={mutate} />}
          <AttachmentsPart db={db} view={view} />
        </Part>
      </div>
      {view.caseView && playbook ? (
        <PlaybookGuide db={db} caseView={view.caseView} playbook={playbook} userId={userId} mutate={mutate} isReadOnly={isCaseReadOnly} canWork={canWork} />
      ) : (
        view.playbook.expected && <p className="muted">{t('fieldwork.playbookMissing')}</p>
      )}
    </article>
  );
}
