/**
 * The 360 view of a consumer, contact, household or account: identity and contact details, cases,
 * interactions, household or account members, products and install base, contracts and
 * entitlements. It reads the local cache only, so it works offline, and a live query redraws it as
 * records sync. Keyboard: the heading takes focus when the view opens, so Tab reaches the first
 * case next; 1–9 open the first nine cases from anywhere in the view.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordTab } from '../app/uiStore';
import type { CasewayDb } from '../db/database';
import { CasesSection, digitShortcuts } from './CasesSection';
import { ContractsSection } from './ContractsSection';
import { IdentitySection } from './IdentitySection';
import { InteractionsSection } from './InteractionsSection';
import { MembersSection } from './MembersSection';
import { personQuery, type PersonData } from './personData';
import { ProductsSection } from './ProductsSection';
import { localToday } from './useFormats';

export type PersonKind = 'consumer' | 'contact' | 'account' | 'household';

function isTyping(target: EventTarget): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/** The case a digit key opens: 1 the first listed (open ones first), up to 9. */
function caseForKey(data: PersonData, event: KeyboardEvent): string | null {
  if (event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target) || !/^[1-9]$/.test(event.key)) return null;
  const n = Number(event.key);
  if (n > digitShortcuts) return null;
  return [...data.cases.open, ...data.cases.past][n - 1]?.id ?? null;
}

export function Person360({ db, kind, id, onOpen }: { db: CasewayDb; kind: PersonKind; id: string; onOpen: (tab: RecordTab) => void }) {
  const { t } = useTranslation();
  const data = useLiveQuery(personQuery(db, kind, id), [db, kind, id]);
  const heading = useRef<HTMLHeadingElement>(null);
  const isLoaded = data !== undefined && data !== null;
  useEffect(() => {
    // Opening the view (from a case, a link, a tab) puts the reader at its top: the next Tab is the first case.
    if (isLoaded) heading.current?.focus();
  }, [isLoaded]);

  if (data === undefined) return <p aria-live="polite">{t('people.loading')}</p>;
  if (data === null) return <p role="alert">{t('people.missing')}</p>;

  const onKeyDown = (event: KeyboardEvent<HTMLElement>): void => {
    const caseId = caseForKey(data, event);
    if (caseId === null) return;
    event.preventDefault();
    onOpen({ kind: 'case', id: caseId });
  };
  const today = localToday(new Date());

  return (
    <section aria-labelledby="person-title" className="panel p360" onKeyDown={onKeyDown}>
      <h2 id="person-title" ref={heading} tabIndex={-1}>
        {data.name}
      </h2>
      <div className="p360-grid">
        <IdentitySection identity={data.identity} />
        <CasesSection cases={data.cases} onOpen={onOpen} />
        <InteractionsSection rows={data.interactions} onOpen={onOpen} />
        <MembersSection members={data.members} onOpen={onOpen} />
        <ProductsSection data={data} />
        <ContractsSection data={data} today={today} />
      </div>
    </section>
  );
}
