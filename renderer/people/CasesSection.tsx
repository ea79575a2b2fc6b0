/**
 * The person's cases on this device, open ones first, each a button opening the case. The buttons
 * are one tab stop (roving tabindex): ↑ ↓ Home End move between them, Enter or Space opens one.
 * The 360 view also opens the first nine with the digit keys (see Person360), marked beside them.
 */
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordTab } from '../app/uiStore';
import type { CaseRow, PersonData } from './personData';
import { Section } from './Section';
import { useFormats } from './useFormats';

/** Past cases shown before "show all": never fewer than the nine the digit keys reach. */
const pastShown = 20;
export const digitShortcuts = 9;

type TableProps = { rows: CaseRow[]; offset: number; label: string; hintId: string; activeIndex: number; buttons: (HTMLButtonElement | null)[]; onActive: (index: number) => void; onOpen: (tab: RecordTab) => void };

function CaseTable({ rows, offset, label, hintId, activeIndex, buttons, onActive, onOpen }: TableProps) {
  const { t } = useTranslation();
  const f = useFormats();
  return (
    <table className="p360-table p360-cases" aria-label={label} aria-describedby={hintId}>
      <thead>
        <tr>
          <th scope="col">{t('people.colNumber')}</th>
          <th scope="col">{t('people.colDescription')}</th>
          <th scope="col">{t('people.colState')}</th>
          <th scope="col">{t('people.colOpened')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((c, i) => {
          const index = offset + i;
          const shortcut = index < digitShortcuts ? String(index + 1) : undefined;
          return (
            <tr key={c.id}>
              <td>
                <button
                  type="button"
                  className="link"
                  ref={(el) => {
                    buttons[index] = el;
                  }}
                  tabIndex={index === activeIndex ? 0 : -1}
                  aria-keyshortcuts={shortcut}
                  onFocus={() => onActive(index)}
                  onClick={() => onOpen({ kind: 'case', id: c.id })}
                >
                  {c.number || t('people.notSynced')}
                </button>
                {shortcut && (
                  <kbd className="p360-key" aria-hidden="true">
                    {shortcut}
                  </kbd>
                )}
              </td>
              <td>{c.shortDescription}</td>
              <td>{c.stateLabel}</td>
              <td>
                <time dateTime={c.openedAt}>{f.dateTime(c.openedAt)}</time>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function CasesSection({ cases, onOpen }: { cases: PersonData['cases']; onOpen: (tab: RecordTab) => void }) {
  const { t } = useTranslation();
  const hintId = useId();
  const [isAllPast, setIsAllPast] = useState(false);
  const [active, setActive] = useState(0);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const past = isAllPast ? cases.past : cases.past.slice(0, pastShown);
  const total = cases.open.length + past.length;
  buttons.current.length = total;
  const activeIndex = Math.min(active, Math.max(total - 1, 0));

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const from = buttons.current.findIndex((b) => b !== null && b === event.target);
    if (from < 0 || event.altKey || event.ctrlKey || event.metaKey) return;
    const to = event.key === 'ArrowDown' ? from + 1 : event.key === 'ArrowUp' ? from - 1 : event.key === 'Home' ? 0 : event.key === 'End' ? total - 1 : null;
    if (to === null) return;
    event.preventDefault();
    const target = buttons.current[Math.max(0, Math.min(total - 1, to))];
    target?.focus();
  };

  const table = { hintId, activeIndex, buttons: buttons.current, onActive: setActive, onOpen };
  return (
    <Section title={t('people.casesTitle')} isWide isEmpty={total === 0} none={t('people.noCases')}>
      <div onKeyDown={onKeyDown}>
        {cases.open.length > 0 && (
          <>
            <h4>{t('people.openCases', { count: cases.open.length })}</h4>
            <CaseTable rows={cases.open} offset={0} label={t('people.openCases', { count: cases.open.length })} {...table} />
          </>
        )}
        {past.length > 0 && (
          <>
            <h4>{t('people.pastCases', { count: cases.past.length })}</h4>
            <CaseTable rows={past} offset={cases.open.length} label={t('people.pastCases', { count: cases.past.length })} {...table} />
          </>
        )}
      </div>
      {past.length < cases.past.length && (
        <button type="button" className="link" onClick={() => setIsAllPast(true)}>
          {t('people.showAllPast', { count: cases.past.length })}
        </button>
      )}
      <p id={hintId} className="p360-hint">
        {t('people.casesKeys')}
      </p>
    </Section>
  );
}
