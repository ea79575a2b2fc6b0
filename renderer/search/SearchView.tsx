/**
 * Global search across the local cache: cases (number, short description, description, comments
 * and work notes), people, accounts, households and install base items, answered by the search
 * worker as the agent types, offline as online. Results are grouped by kind, best group first;
 * each opens its record (an install base item opens its owner's 360 view). Keyboard: the box has
 * focus on arrival, ArrowDown moves into the results, ArrowUp/ArrowDown/Home/End move between
 * them, Enter opens, Escape returns to the box and, in the box, clears it.
 */
import { useEffect, useMemo, useRef, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { installBaseStates } from '../../shared/domain/product';
import { useUi, type RecordTab } from '../app/uiStore';
import type { CasewayDb } from '../db/database';
import { startSearchIndex, useSearch, useSearchProgress, type SearchHit, type SearchType } from './searchClient';

type Props = { db: CasewayDb; onOpen: (tab: RecordTab) => void };
type Group = { type: SearchType; hits: SearchHit[] };

function groupByType(hits: readonly SearchHit[]): Group[] {
  const groups: Group[] = [];
  for (const hit of hits) {
    const group = groups.find((g) => g.type === hit.type);
    if (group) group.hits.push(hit);
    else groups.push({ type: hit.type, hits: [hit] });
  }
  return groups;
}

function isInstallBaseState(value: string): value is (typeof installBaseStates)[number] {
  return installBaseStates.some((s) => s === value);
}

export function SearchView({ db, onOpen }: Props) {
  const { t, i18n } = useTranslation();
  const text = useUi((s) => s.searchText);
  const setText = useUi((s) => s.setSearchText);
  const answer = useSearch(db, text);
  const progress = useSearchProgress(db);
  const isPending = answer?.text !== text;
  const box = useRef<HTMLInputElement>(null);
  const results = useRef<HTMLDivElement>(null);
  const number = useMemo(() => new Intl.NumberFormat(i18n.language), [i18n.language]);
  const shown = text.trim() === '' ? null : answer;
  const groups = useMemo(() => groupByType(shown?.hits ?? []), [shown]);

  useEffect(() => box.current?.focus(), []);
  // Opening search builds the index now rather than after the launch delay.
  useEffect(() => startSearchIndex(db), [db]);

  const resultButtons = (): HTMLButtonElement[] => [...(results.current?.querySelectorAll<HTMLButtonElement>('button.searchhit:not(:disabled)') ?? [])];

  const onBoxKey = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'ArrowDown') {
      const first = resultButtons()[0];
      if (!first) return;
      event.preventDefault();
      first.focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setText('');
    }
  };

  const onResultsKey = (event: KeyboardEvent<HTMLDivElement>): void => {
    const buttons = resultButtons();
    const at = buttons.findIndex((b) => b === document.activeElement);
    let target: HTMLElement | undefined;
    switch (event.key) {
      case 'ArrowDown':
        target = buttons[Math.min(at + 1, buttons.length - 1)];
        break;
      case 'ArrowUp':
        target = at <= 0 ? (box.current ?? undefined) : buttons[at - 1];
        break;
      case 'Home':
        target = buttons[0];
        break;
      case 'End':
        target = buttons.at(-1);
        break;
      case 'Escape':
        target = box.current ?? undefined;
        break;
      default:
        return;
    }
    event.preventDefault();
    target?.focus();
  };

  const announcement = ((): string => {
    if (text.trim() === '') return '';
    if (shown?.error) return t('search.failed', { message: shown.error });
    if (!shown || (isPending && shown.hits.length === 0)) return t('search.searching');
    if (shown.total === 0) return t('search.none', { text: shown.text.trim() });
    if (shown.total > shown.hits.length) return t('search.countLimited', { shown: shown.hits.length, formatted: number.format(shown.total) });
    return t('search.count', { count: shown.total, formatted: number.format(shown.total) });
  })();

  const meta = (hit: SearchHit): string => {
    const state = hit.state === null ? '' : hit.type === 'installBaseItem' && isInstallBaseState(hit.state) ? t(`search.ibState_${hit.state}`) : hit.state;
    return [state, hit.subtitle, hit.open ? '' : t('search.noOwner')].filter((s) => s !== '').join(' · ');
  };

  const match = (hit: SearchHit): string => {
    if (hit.matchedIn !== 'description' && hit.matchedIn !== 'comment' && hit.matchedIn !== 'workNote') return '';
    return `${t(`search.matched_${hit.matchedIn}`)}${hit.snippet ? `: ${hit.snippet}` : ''}`;
  };

  const isIndexing = progress.indexed < progress.toIndex || (progress.toIndex === 0 && !progress.isComplete);

  return (
    <section aria-labelledby="search-title" className="searchview">
      <h2 id="search-title">{t('search.title')}</h2>
      <form role="search" className="searchbox" onSubmit={(e: FormEvent) => e.preventDefault()}>
        <label htmlFor="global-search">{t('search.label')}</label>
        <input ref={box} id="global-search" type="search" value={text} autoComplete="off" spellCheck={false} aria-describedby="search-hint" aria-controls="search-results" onChange={(e) => setText(e.target.value)} onKeyDown={onBoxKey} />
        <p id="search-hint" className="muted">
          {t('search.hint')}
        </p>
      </form>
      <p role="status" className="searchstatus">
        {announcement}
      </p>
      {isIndexing ? (
        <p className="muted">{t('search.indexing', { indexed: number.format(progress.indexed), total: number.format(progress.toIndex) })}</p>
      ) : shown && !shown.isComplete ? (
        <p className="muted">{t('search.catchingUp')}</p>
      ) : null}
      <div id="search-results" ref={results} className="searchresults" aria-busy={text.trim() !== '' && isPending} data-answered-query={shown?.text ?? ''} onKeyDown={onResultsKey}>
        {groups.map((group) => (
          <div key={group.type} className="searchgroup">
            <h3 id={`search-group-${group.type}`}>{t('search.groupCount', { label: t(`search.type_${group.type}`), formatted: number.format(shown?.totalsByType[group.type] ?? group.hits.length) })}</h3>
            <ul aria-labelledby={`search-group-${group.type}`}>
              {group.hits.map((hit) => {
                const details = meta(hit);
                const matched = match(hit);
                return (
                  <li key={`${hit.type}:${hit.id}`}>
                    <button type="button" className="searchhit" disabled={!hit.open} onClick={() => hit.open && onOpen(hit.open)}>
                      <span className="hittitle">{hit.title || t('search.untitled')}</span>
                      {details && <span className="hitmeta">{details}</span>}
                      {matched && <span className="hitmatch">{matched}</span>}
                    </button>
                  </li>
                );
              })}
            </ul>
          </div>
        ))}
      </div>
    </section>
  );
}
