/**
 * The interactions view: start an interaction on a channel (the caller's number or address
 * optional, so a phone system can pop it), and the agent's recent interactions. Starting one
 * queues it as a mutation and opens it in a tab, where the caller is found and the case created.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Interaction } from '../../shared/domain/interaction';
import { channels, type Channel } from '../../shared/domain/vocab';
import type { MutationName } from '../../shared/sync/mutations';
import { recordTitle } from '../app/recordTitle';
import type { RecordTab } from '../app/uiStore';
import { recordTable, type CasewayDb } from '../db/database';
import { MutationInputError } from '../sync/mutate';

type Mutate = (name: MutationName, args: unknown) => Promise<number>;

export type NewInteraction = { channel: Channel; direction: 'inbound' | 'outbound'; fromAddress: string | null; subject: string | null };

/** Queues a new interaction handled by `agentId`, in progress from now; returns its id. */
export async function startInteraction(mutate: Mutate, agentId: string, input: NewInteraction): Promise<string> {
  const id = crypto.randomUUID();
  await mutate('interaction.create', { id, channel: input.channel, direction: input.direction, state: 'work_in_progress', startedAt: new Date().toISOString(), fromAddress: input.fromAddress, subject: input.subject, agentId });
  return id;
}

export function InteractionsView({ db, userId, mutate, onOpen }: { db: CasewayDb; userId: string; mutate: Mutate; onOpen: (tab: RecordTab) => void }) {
  const { t, i18n } = useTranslation();
  const [channel, setChannel] = useState<Channel>('phone');
  const [direction, setDirection] = useState<'inbound' | 'outbound'>('inbound');
  const [from, setFrom] = useState('');
  const [subject, setSubject] = useState('');
  const [error, setError] = useState<string | null>(null);
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);

  const recent = useLiveQuery(async () => {
    const mine = ((await recordTable(db, 'interaction').where('agentId').equals(userId).toArray()) as unknown as Interaction[]).sort((a, b) => b.startedAt.localeCompare(a.startedAt)).slice(0, 50);
    return Promise.all(
      mine.map(async (i) => {
        const kind = i.consumerId ? 'consumer' : i.contactId ? 'contact' : i.accountId ? 'account' : null;
        const callerId = i.consumerId ?? i.contactId ?? i.accountId;
        const caller = kind && callerId ? recordTitle(kind, await recordTable(db, kind).get(callerId)) : '';
        const c = i.caseId ? await recordTable(db, 'case').get(i.caseId) : undefined;
        return { i, caller, caseNumber: c ? String(c.number) : '' };
      }),
    );
  }, [db, userId]);
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });

  const start = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const id = await startInteraction(mutate, userId, { channel, direction, fromAddress: from.trim() || null, subject: subject.trim() || null });
      setFrom('');
      setSubject('');
      onOpen({ kind: 'interaction', id });
    } catch (e) {
      setError(e instanceof MutationInputError ? e.message : t('intake.notSaved'));
    }
  };

  return (
    <section aria-labelledby="interactions-title">
      <h2 id="interactions-title">{t('intake.title')}</h2>
      <form onSubmit={(e) => void start(e)} className="card inline" aria-labelledby="interaction-start">
        <h3 id="interaction-start" className="formtitle">
          {t('intake.start')}
        </h3>
        <label>
          {t('intake.channel')}
          <select ref={first} value={channel} onChange={(e) => setChannel(channels.find((c) => c === e.target.value) ?? 'phone')}>
            {channels.map((c) => (
              <option key={c} value={c}>
                {t(`intake.channel_${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('intake.direction')}
          <select value={direction} onChange={(e) => setDirection(e.target.value === 'outbound' ? 'outbound' : 'inbound')}>
            <option value="inbound">{t('intake.inbound')}</option>
            <option value="outbound">{t('intake.outbound')}</option>
          </select>
        </label>
        <label>
          {t('intake.from')}
          <input value={from} maxLength={200} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t('intake.subject')}
          <input value={subject} maxLength={400} onChange={(e) => setSubject(e.target.value)} />
        </label>
        <button type="submit">{t('intake.startButton')}</button>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <h3>{t('intake.recent')}</h3>
      {!recent ? null : recent.length === 0 ? (
        <p className="muted">{t('intake.noRecent')}</p>
      ) : (
        <table className="cases" aria-label={t('intake.recent')}>
          <thead>
            <tr>
              <th scope="col">{t('intake.number')}</th>
              <th scope="col">{t('intake.channel')}</th>
              <th scope="col">{t('intake.started')}</th>
              <th scope="col">{t('intake.caller')}</th>
              <th scope="col">{t('intake.state')}</th>
              <th scope="col">{t('intake.case')}</th>
            </tr>
          </thead>
          <tbody>
            {recent.map(({ i, caller, caseNumber }) => (
              <tr key={i.id}>
                <td>
                  <button type="button" className="link" onClick={() => onOpen({ kind: 'interaction', id: i.id })}>
                    {i.number || t('intake.newInteraction')}
                  </button>
                </td>
                <td>{t(`intake.channel_${i.channel}`)}</td>
                <td>
                  <time dateTime={i.startedAt}>{date.format(new Date(i.startedAt))}</time>
                </td>
                <td>{caller || i.fromAddress || t('intake.unknownCaller')}</td>
                <td>{t(`intake.state_${i.state}`)}</td>
                <td>{caseNumber}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
