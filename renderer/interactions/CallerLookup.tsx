/**
 * Finding the caller as the agent types: phone, email, name, account or case number, answered by
 * the local search index (a combobox with a list of matches, WAI-ARIA combobox pattern). Picking a
 * case links the case's person. Prefilled with the caller's number when the interaction has one.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { recordTable, type CasewayDb } from '../db/database';
import { useSearch } from '../search/searchClient';
import type { SearchHit } from '../search/searchIndex';

export type CallerPick = { consumerId: string | null; contactId: string | null; accountId: string | null };

const lookupTypes = ['consumer', 'contact', 'account', 'case'] as const;

/** Who a hit stands for: the person itself, or the person a case is about. */
export async function callerOfHit(db: CasewayDb, hit: Pick<SearchHit, 'type' | 'id'>): Promise<CallerPick | null> {
  switch (hit.type) {
    case 'consumer':
      return { consumerId: hit.id, contactId: null, accountId: null };
    case 'contact': {
      const contact = await recordTable(db, 'contact').get(hit.id);
      return contact ? { consumerId: null, contactId: hit.id, accountId: String(contact.accountId) } : null;
    }
    case 'account':
      return { consumerId: null, contactId: null, accountId: hit.id };
    case 'case': {
      const c = await recordTable(db, 'case').get(hit.id);
      if (!c) return null;
      const s = (v: unknown): string | null => (typeof v === 'string' ? v : null);
      return { consumerId: s(c.consumerId), contactId: s(c.contactId), accountId: s(c.accountId) };
    }
    default:
      return null;
  }
}

export function CallerLookup({ db, initial, onPick }: { db: CasewayDb; initial: string; onPick: (pick: CallerPick) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(initial);
  const [active, setActive] = useState(-1);
  const answer = useSearch(db, text, { types: lookupTypes, limit: 12 });
  const hits = text.trim() ? (answer?.hits ?? []) : [];
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  useEffect(() => inputRef.current?.focus(), []);
  useEffect(() => setActive(-1), [text]);

  const pick = async (hit: SearchHit | undefined) => {
    if (!hit) return;
    const caller = await callerOfHit(db, hit);
    if (caller && (caller.consumerId || caller.contactId || caller.accountId)) onPick(caller);
  };
  const onKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && hits.length) {
      event.preventDefault();
      setActive((a) => Math.min(hits.length - 1, a + 1));
    } else if (event.key === 'ArrowUp' && hits.length) {
      event.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (event.key === 'Enter' && active >= 0) {
      event.preventDefault();
      void pick(hits[active]);
    } else if (event.key === 'Escape') {
      setText('');
    }
  };
  const optionId = (index: number): string => `${listId}-option-${index}`;
  return (
    <div className="lookup">
      <label htmlFor={`${listId}-input`}>{t('intake.findCaller')}</label>
      <input
        id={`${listId}-input`}
        ref={inputRef}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-expanded={hits.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={active >= 0 ? optionId(active) : undefined}
        aria-describedby={`${listId}-hint`}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKey}
      />
      <p id={`${listId}-hint`} className="muted hint">
        {t('intake.lookupHint')}
      </p>
      <ul id={listId} role="listbox" aria-label={t('intake.results')} className="results">
        {hits.map((hit, index) => (
          <li key={`${hit.type}:${hit.id}`} id={optionId(index)} role="option" aria-selected={index === active} className={index === active ? 'active' : undefined} onMouseDown={(e) => e.preventDefault()} onClick={() => void pick(hit)}>
            <span className="badge">{t(`intake.type_${hit.type}`)}</span> <strong>{hit.title}</strong> <span className="muted">{hit.subtitle}</span>
          </li>
        ))}
      </ul>
      <p className="muted" aria-live="polite">
        {text.trim() && answer && hits.length === 0 ? t('intake.noMatch') : ''}
        {text.trim() && answer && !answer.isComplete ? ` ${t('intake.stillIndexing')}` : ''}
      </p>
    </div>
  );
}
