/**
 * One interaction, worked from start to case: find the caller as you type (or create them on the
 * spot), see their open cases, create a case from a service definition with the caller's product
 * or installed item, with the entitlement check, then end the interaction. Everything reads the
 * local cache and writes through mutations, so a call can be taken offline.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { validateCustomFields } from '../../shared/domain/caseType';
import { checkCoverage } from '../../shared/domain/coverage';
import type { MutationName } from '../../shared/sync/mutations';
import type { RecordTab } from '../app/uiStore';
import { CustomFieldInput } from '../cases/CaseForm';
import { recordTable, type CasewayDb } from '../db/database';
import { useMutationRunner, type RunMutation } from '../sync/useMutationRunner';
import { playbookForNewCase } from '../playbooks/playbookData';
import { CallerLookup, type CallerPick } from './CallerLookup';
import { loadIntake, productsFor, type IntakeView } from './intakeData';

type Mutate = (name: MutationName, args: unknown) => Promise<number>;
type Props = { db: CasewayDb; userId: string; interactionId: string; mutate: Mutate; onOpen: (tab: RecordTab) => void };

export function InteractionForm({ db, userId, interactionId, mutate, onOpen }: Props) {
  const { t, i18n } = useTranslation();
  const { run, error } = useMutationRunner(mutate, t('intake.notSaved'));
  const view = useLiveQuery(async () => loadIntake(db, interactionId, userId), [db, interactionId, userId]);
  const [isChangingCaller, setChangingCaller] = useState(false);
  const serviceRef = useRef<HTMLSelectElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  if (view === undefined) return <p aria-live="polite">{t('case.loading')}</p>;
  if (view === null) return <p role="alert">{t('case.missing')}</p>;
  const i = view.interaction;
  const isEnded = i.state === 'closed';
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  const link = async (pick: CallerPick) => {
    const changes = { consumerId: pick.consumerId, contactId: pick.contactId, accountId: pick.accountId };
    if (await run('interaction.update', { id: i.id, changes, base: { consumerId: i.consumerId, contactId: i.contactId, accountId: i.accountId } })) {
      setChangingCaller(false);
      requestAnimationFrame(() => serviceRef.current?.focus());
    }
  };

  const showLookup = !isEnded && (!view.caller || isChangingCaller);
  return (
    <article aria-labelledby="interaction-title" className="caseform">
      <header className="casehead">
        <h2 id="interaction-title" tabIndex={-1} ref={headingRef}>
          {i.number || t('intake.newInteraction')}
          {i.subject ? `: ${i.subject}` : ''}
        </h2>
        <p className="muted">
          {t('intake.header', { channel: t(`intake.channel_${i.channel}`), direction: i.direction === 'inbound' ? t('intake.inbound') : t('intake.outbound'), time: date.format(new Date(i.startedAt)) })}
          {' · '}
          <span data-testid="interaction-state">{t(`intake.state_${i.state}`)}</span>
          {i.fromAddress ? ` · ${i.fromAddress}` : ''}
          {view.isPending ? ` · ${t('intake.pending')}` : ''}
        </p>
      </header>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="casegrid">
        <div>
          <section aria-labelledby="intake-caller" className="card">
            <h3 id="intake-caller">{t('intake.caller')}</h3>
            {view.caller && !isChangingCaller && (
              <p>
                <strong data-testid="linked-caller">{t('intake.linked', { name: view.caller.name })}</strong>{' '}
                <button type="button" className="small" onClick={() => view.caller && onOpen({ kind: view.caller.kind, id: view.caller.id })}>
                  {t('intake.open360')}
                </button>
                {!isEnded && (
                  <button type="button" className="small secondary" onClick={() => setChangingCaller(true)}>
                    {t('intake.changeCaller')}
                  </button>
                )}
              </p>
            )}
            {showLookup && (
              <>
                <CallerLookup db={db} initial={view.caller ? '' : (i.fromAddress ?? '')} onPick={(pick) => void link(pick)} />
                <NewPerson db={db} run={run} onCreated={(pick) => void link(pick)} />
              </>
            )}
          </section>
          {view.caller && !isChangingCaller && <OpenCases view={view} onOpen={onOpen} />}
        </div>
        <div>
          {i.caseId ? (
            <LinkedCase db={db} caseId={i.caseId} onOpen={onOpen} />
          ) : (
            !isEnded && <CreateCase db={db} view={view} userId={userId} run={run} serviceRef={serviceRef} onCreated={(id) => onOpen({ kind: 'case', id })} />
          )}
          <WrapUp view={view} run={run} />
        </div>
      </div>
    </article>
  );
}

function OpenCases({ view, onOpen }: { view: IntakeView; onOpen: (tab: RecordTab) => void }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="intake-open-cases" className="card">
      <h3 id="intake-open-cases">{t('intake.openCases')}</h3>
      {view.openCases.length === 0 ? (
        <p className="muted">{t('intake.noOpenCases')}</p>
      ) : (
        <ul className="plain" aria-label={t('intake.openCases')}>
          {view.openCases.map((c) => (
            <li key={c.id}>
              <button type="button" className="link" onClick={() => onOpen({ kind: 'case', id: c.id })}>
                {c.number || t('queue.notSynced')}
              </button>{' '}
              {c.shortDescription}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function LinkedCase({ db, caseId, onOpen }: { db: CasewayDb; caseId: string; onOpen: (tab: RecordTab) => void }) {
  const { t } = useTranslation();
  const number = useLiveQuery(async () => String((await recordTable(db, 'case').get(caseId))?.number ?? ''), [db, caseId]);
  const label = number || t('queue.notSynced');
  return (
    <section aria-labelledby="intake-case" className="card">
      <h3 id="intake-case">{t('intake.linkedCase', { number: label })}</h3>
      <button type="button" onClick={() => onOpen({ kind: 'case', id: caseId })}>
        {t('intake.openCase', { number: label })}
      </button>
    </section>
  );
}

function NewPerson({ db, run, onCreated }: { db: CasewayDb; run: RunMutation; onCreated: (pick: CallerPick) => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<'consumer' | 'contact'>('consumer');
  const [person, setPerson] = useState({ firstName: '', lastName: '', email: '', phone: '', accountId: '' });
  const accounts = useLiveQuery(async () => (await recordTable(db, 'account').orderBy('name').toArray()).map((a) => ({ id: a.id, name: String(a.name) })), [db]);
  const create = async (event: FormEvent) => {
    event.preventDefault();
    const id = crypto.randomUUID();
    const common = { id, firstName: person.firstName, lastName: person.lastName, email: person.email.trim() || null, phone: person.phone.trim() || null };
    const ok = kind === 'consumer' ? await run('consumer.create', common) : await run('contact.create', { ...common, accountId: person.accountId || undefined });
    if (!ok) return;
    setPerson({ firstName: '', lastName: '', email: '', phone: '', accountId: '' });
    onCreated(kind === 'consumer' ? { consumerId: id, contactId: null, accountId: null } : { consumerId: null, contactId: id, accountId: person.accountId });
  };
  return (
    <details className="newperson">
      <summary>{t('intake.newPerson')}</summary>
      <form onSubmit={(e) => void create(e)} className="inline" aria-label={t('intake.newPerson')}>
        <fieldset className="radios">
          <legend className="sr-only">{t('intake.newPerson')}</legend>
          <label>
            <input type="radio" name="person-kind" checked={kind === 'consumer'} onChange={() => setKind('consumer')} /> {t('intake.newConsumer')}
          </label>
          <label>
            <input type="radio" name="person-kind" checked={kind === 'contact'} onChange={() => setKind('contact')} /> {t('intake.newContact')}
          </label>
        </fieldset>
        <label>
          {t('intake.firstName')}
          <input value={person.firstName} required maxLength={80} onChange={(e) => setPerson({ ...person, firstName: e.target.value })} />
        </label>
        <label>
          {t('intake.lastName')}
          <input value={person.lastName} required maxLength={80} onChange={(e) => setPerson({ ...person, lastName: e.target.value })} />
        </label>
        <label>
          {t('intake.email')}
          <input type="email" value={person.email} maxLength={254} onChange={(e) => setPerson({ ...person, email: e.target.value })} />
        </label>
        <label>
          {t('intake.phone')}
          <input type="tel" value={person.phone} maxLength={24} onChange={(e) => setPerson({ ...person, phone: e.target.value })} />
        </label>
        {kind === 'contact' && (
          <label>
            {t('intake.account')}
            <select value={person.accountId} required onChange={(e) => setPerson({ ...person, accountId: e.target.value })}>
              <option value="">{t('intake.chooseAccount')}</option>
              {(accounts ?? []).map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="submit">{t('intake.createPerson')}</button>
      </form>
    </details>
  );
}

function CreateCase({ db, view, userId, run, serviceRef, onCreated }: { db: CasewayDb; view: IntakeView; userId: string; run: RunMutation; serviceRef: RefObject<HTMLSelectElement | null>; onCreated: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const [serviceId, setServiceId] = useState('');
  const [productKey, setProductKey] = useState('');
  const [shortDescription, setShortDescription] = useState(view.interaction.subject ?? '');
  const [description, setDescription] = useState('');
  const [priority, setPriority] = useState<number | null>(null);
  const [custom, setCustom] = useState<Record<string, string | number | boolean | null>>({});
  const [problems, setProblems] = useState<Record<string, string>>({});
  const service = view.services.find((s) => s.id === serviceId);
  const products = productsFor(service, view.products);
  const product = products.find((p) => p.key === productKey) ?? null;
  const today = new Date().toISOString().slice(0, 10);
  const coverage = useMemo(
    () => checkCoverage(view.entitlements, view.contracts, { channel: view.interaction.channel, today, productModelId: product?.productModelId ?? null, soldProductId: product?.soldProductId ?? null, installBaseItemId: product?.installBaseItemId ?? null }),
    [view.entitlements, view.contracts, view.interaction.channel, today, product],
  );
  const syncTime = view.lastSyncAt ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(view.lastSyncAt)) : '—';

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!view.caller) found.caller = t('intake.needCaller');
    if (!service) found.service = t('intake.needService');
    if (service) for (const p of validateCustomFields(service.caseType.fields, Object.fromEntries(Object.entries(custom).filter(([, v]) => v !== '' && v !== null)))) found[p.path] = p.message;
    setProblems(found);
    if (Object.keys(found).length || !service || !view.caller) return;
    const caller = view.caller;
    const id = crypto.randomUUID();
    const covering = coverage.covering;
    const draft = {
      id,
      caseTypeId: service.caseTypeId,
      serviceDefinitionId: service.id,
      shortDescription,
      description: description.trim() || null,
      priority: priority ?? service.caseType.defaultPriority,
      channel: view.interaction.channel,
      consumerId: caller.kind === 'consumer' ? caller.id : null,
      contactId: caller.kind === 'contact' ? caller.id : null,
      accountId: caller.kind === 'consumer' ? null : caller.accountId,
      householdId: caller.householdId,
      soldProductId: product?.soldProductId ?? null,
      installBaseItemId: product?.installBaseItemId ?? null,
      contractId: covering?.entitlement.contractId ?? null,
      entitlementId: covering?.entitlement.id ?? null,
      interactionId: view.interaction.id,
      customFields: Object.fromEntries(Object.entries(custom).filter(([, v]) => v !== '' && v !== null)),
      // The agent who takes the call keeps the case when they work in the service's group.
      assignedToId: service.defaultGroupId === null || view.myGroupIds.includes(service.defaultGroupId) ? userId : null,
      assignmentGroupId: service.defaultGroupId,
    };
    // The case is pinned to the playbook version this device sees now (the store keeps that choice).
    const ok = await run('case.create', { ...draft, playbookDefinitionId: await playbookForNewCase(db, draft) });
    if (!ok) return;
    await run('interaction.update', { id: view.interaction.id, changes: { caseId: id }, base: { caseId: view.interaction.caseId } });
    onCreated(id);
  };

  return (
    <section aria-labelledby="intake-create" className="card">
      <h3 id="intake-create">{t('intake.createCase')}</h3>
      {view.services.length === 0 ? (
        <p className="muted">{t('intake.noServices')}</p>
      ) : (
        <form onSubmit={(e) => void create(e)} className="details" aria-labelledby="intake-create" noValidate>
          <fieldset>
            {problems.caller && (
              <p role="alert" className="error">
                {problems.caller}
              </p>
            )}
            <label htmlFor="intake-service">{t('intake.service')}</label>
            <select id="intake-service" ref={serviceRef} value={serviceId} required aria-invalid={problems.service ? true : undefined} onChange={(e) => { setServiceId(e.target.value); setProductKey(''); setCustom({}); }}>
                <option value="">{t('intake.chooseService')}</option>
                {view.services.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            {problems.service && <span className="error">{problems.service}</span>}
            {service && <p className="muted">{t('intake.caseType', { name: service.caseType.name })}</p>}
            <label htmlFor="intake-product">{t('intake.product')}</label>
            <select id="intake-product" value={productKey} onChange={(e) => setProductKey(e.target.value)}>
                <option value="">{t('intake.noProduct')}</option>
                {products.map((p) => (
                  <option key={p.key} value={p.key}>
                    {p.label}
                  </option>
                ))}
              </select>
            <div role="status" className="coverage" aria-label={t('intake.coverage')}>
              <strong>{t('intake.coverage')}: </strong>
              {!view.caller ? (
                <span className="muted">{t('intake.needCaller')}</span>
              ) : coverage.covering ? (
                <span data-testid="coverage">
                  {t('intake.covered', { name: coverage.covering.entitlement.name, contract: coverage.covering.contract ? t('intake.contractPart', { number: coverage.covering.contract.number }) : '' })}
                  {' · '}
                  {coverage.covering.entitlement.unit === 'unlimited' || coverage.covering.entitlement.totalUnits === null
                    ? t('intake.unlimitedUnits', { time: syncTime })
                    : t('intake.unitsLeft', { remaining: coverage.covering.entitlement.remainingUnits ?? coverage.covering.entitlement.totalUnits, total: coverage.covering.entitlement.totalUnits, unit: coverage.covering.entitlement.unit, time: syncTime })}
                </span>
              ) : (
                <span data-testid="coverage" className="error">
                  {coverage.lines.length === 0 ? t('intake.noEntitlements') : t('intake.notCovered')}
                </span>
              )}
              {view.caller && !coverage.covering && coverage.lines.length > 0 && (
                <ul className="plain muted">
                  {coverage.lines.map((l) => (
                    <li key={l.entitlement.id}>
                      {l.entitlement.name}: {l.problems.map((p) => t(`intake.problem_${p}`)).join(', ')}
                    </li>
                  ))}
                </ul>
              )}
            </div>
            <label>
              {t('intake.shortDescription')}
              <input value={shortDescription} required maxLength={160} onChange={(e) => setShortDescription(e.target.value)} />
            </label>
            <label>
              {t('intake.description')}
              <textarea value={description} maxLength={16000} onChange={(e) => setDescription(e.target.value)} />
            </label>
            <label htmlFor="intake-priority">{t('intake.priority')}</label>
            <select id="intake-priority" value={priority ?? service?.caseType.defaultPriority ?? 3} onChange={(e) => setPriority(Number(e.target.value))}>
                {([1, 2, 3, 4] as const).map((p) => (
                  <option key={p} value={p}>
                    {t(`priority.p${p}`)}
                  </option>
                ))}
              </select>
            {service?.caseType.fields.map((field) => (
              <CustomFieldInput key={field.key} field={field} value={custom[field.key] ?? null} problem={problems[`customFields.${field.key}`]} onChange={(v) => setCustom((c) => ({ ...c, [field.key]: v }))} />
            ))}
            <button type="submit">{t('intake.createCaseButton')}</button>
          </fieldset>
        </form>
      )}
    </section>
  );
}

function WrapUp({ view, run }: { view: IntakeView; run: RunMutation }) {
  const { t } = useTranslation();
  const i = view.interaction;
  const [notes, setNotes] = useState(i.notes ?? '');
  const isEnded = i.state === 'closed';
  const end = async () => {
    const changes: Record<string, unknown> = { state: 'closed', endedAt: new Date().toISOString() };
    const base: Record<string, unknown> = { state: i.state, endedAt: i.endedAt };
    if ((notes.trim() || null) !== i.notes) [changes.notes, base.notes] = [notes.trim() || null, i.notes];
    await run('interaction.update', { id: i.id, changes, base });
  };
  return (
    <section aria-labelledby="intake-wrap" className="card">
      <h3 id="intake-wrap">{t('intake.notes')}</h3>
      {isEnded ? (
        <>
          <p>{t('intake.ended')}</p>
          {i.notes && <p>{i.notes}</p>}
        </>
      ) : (
        <div className="details">
          <label>
            {t('intake.notes')}
            <textarea value={notes} maxLength={8000} onChange={(e) => setNotes(e.target.value)} />
          </label>
          <div className="actions">
            <button type="button" onClick={() => void end()}>
              {t('intake.end')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
