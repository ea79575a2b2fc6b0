/**
 * A case as this stage of the workstation shows it: its fields, its life-cycle actions, and its
 * comments and work notes, with a form to add a work note. Everything reads the local cache and
 * writes through mutations, so it works offline. (The full case form comes with the workspace.)
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { Case } from '../../shared/domain/case';
import { availableActions } from '../../shared/domain/caseLifecycle';
import { caseTypeDef } from '../../shared/domain/caseType';
import type { JournalEntry } from '../../shared/domain/journal';
import { recordTable, type CasewayDb } from '../db/database';
import { MutationInputError } from '../sync/mutate';
import { StorageFullError } from '../sync/storage';
import type { MutationName } from '../../shared/sync/mutations';
import { recordTitle } from '../app/recordTitle';
import type { RecordTab } from '../app/uiStore';

type Props = { db: CasewayDb; caseId: string; mutate: (name: MutationName, args: unknown) => Promise<number>; onOpen: (tab: RecordTab) => void; onClose: () => void };

export function CasePanel({ db, caseId, mutate, onOpen, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const data = useLiveQuery(async () => {
    const c = (await recordTable(db, 'case').get(caseId)) as unknown as Case | undefined;
    if (!c) return null;
    const type = await recordTable(db, 'caseType').get(c.caseTypeId);
    const journal = (await recordTable(db, 'journalEntry').where('caseId').equals(caseId).toArray()) as unknown as JournalEntry[];
    const pendingIds = new Set((await db.shadows.where('key').startsWith('journalEntry:').primaryKeys()).map((k) => String(k).slice('journalEntry:'.length)));
    const person = c.consumerId ? { kind: 'consumer' as const, id: c.consumerId } : c.contactId ? { kind: 'contact' as const, id: c.contactId } : c.accountId ? { kind: 'account' as const, id: c.accountId } : null;
    const personName = person ? recordTitle(person.kind, await recordTable(db, person.kind).get(person.id)) : '';
    return { person, personName, c, lifecycle: type ? caseTypeDef.fields.lifecycle.parse(type.lifecycle) : null, codes: type ? (type.resolutionCodes as string[]) : [], journal: journal.sort((a, b) => b.createdAt.localeCompare(a.createdAt)), pendingIds };
  }, [db, caseId]);
  const [note, setNote] = useState('');
  const [resolving, setResolving] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<string | null>(null);

  if (data === undefined) return <p aria-live="polite">{t('case.loading')}</p>;
  if (data === null) return <p role="alert">{t('case.missing')}</p>;
  const { c, lifecycle } = data;
  const actions = lifecycle ? availableActions(lifecycle, { state: c.state, closedAt: c.closedAt, openTaskCount: 0 }, new Date().toISOString()) : [];
  const stateLabel = lifecycle?.states.find((s) => s.key === c.state)?.label ?? c.state;

  const run = async (name: MutationName, args: unknown): Promise<boolean> => {
    setError(null);
    try {
      await mutate(name, args);
      return true;
    } catch (e) {
      setError(e instanceof MutationInputError || e instanceof StorageFullError ? e.message : t('case.notSaved'));
      return false;
    }
  };

  const addNote = async (event: FormEvent) => {
    event.preventDefault();
    if (await run('case.addWorkNote', { id: crypto.randomUUID(), caseId, body: note, deviceTime: new Date().toISOString() })) setNote('');
  };

  const act = async (action: string, needsResolution: boolean) => {
    if (needsResolution && resolving !== action) {
      setResolving(action);
      return;
    }
    if (await run('case.transition', { id: caseId, action, resolutionCode: needsResolution ? code || null : null, resolutionNotes: needsResolution ? notes || null : null })) setResolving(null);
  };

  return (
    <section aria-labelledby="case-title" className="panel">
      <h2 id="case-title">
        {c.number || t('case.newTitle')}: {c.shortDescription}
      </h2>
      <button type="button" onClick={onClose}>
        {t('case.back')}
      </button>
      {data.person && data.personName && (
        <p>
          {t('case.customer')}{' '}
          <button type="button" className="link" aria-label={t('case.open360', { name: data.personName })} onClick={() => data.person && onOpen(data.person)}>
            {data.personName}
          </button>
        </p>
      )}
      <p>
        <Trans i18nKey="case.summary" values={{ state: stateLabel, priority: c.priority, opened: new Date(c.openedAt).toLocaleString(i18n.language) }} components={[<strong key="state" data-testid="case-state" />]} />
      </p>
      <div role="group" aria-label={t('case.actions')} className="actions">
        {actions.map((t) => (
          <button key={t.action} type="button" onClick={() => void act(t.action, t.requiresResolution)}>
            {t.label}
          </button>
        ))}
      </div>
      {resolving && (
        <div className="resolve" role="group" aria-label={t('case.resolution')}>
          <label htmlFor="resolution-code">{t('case.resolutionCode')}</label>
          <select id="resolution-code" value={code} onChange={(e) => setCode(e.target.value)}>
            <option value="">{t('case.choose')}</option>
            {data.codes.map((rc) => (
              <option key={rc} value={rc}>
                {rc}
              </option>
            ))}
          </select>
          <label htmlFor="resolution-notes">{t('case.resolutionNotes')}</label>
          <textarea id="resolution-notes" value={notes} onChange={(e) => setNotes(e.target.value)} />
          <button type="button" onClick={() => void act(resolving, true)}>
            {t('case.confirm')}
          </button>
        </div>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <form onSubmit={(e) => void addNote(e)} aria-label={t('case.addWorkNote')}>
        <label htmlFor="work-note">{t('case.workNote')}</label>
        <textarea id="work-note" value={note} onChange={(e) => setNote(e.target.value)} required />
        <button type="submit">{t('case.addWorkNote')}</button>
      </form>
      <h3>{t('case.activity')}</h3>
      <ol className="journal" aria-label={t('case.activity')}>
        {data.journal.map((j) => (
          <li key={j.id}>
            <span className="muted">
              {j.kind === 'comment' ? t('case.comment') : t('case.note')} · {new Date(j.createdAt).toLocaleString(i18n.language)}
              {data.pendingIds.has(j.id) ? t('case.waiting') : ''}
              {j.deviceTime && j.deviceTime !== j.createdAt ? t('case.madeOnDevice', { time: new Date(j.deviceTime).toLocaleString(i18n.language) }) : ''}
            </span>
            <p>{j.body}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}
