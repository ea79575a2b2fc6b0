/** The person's interactions on this device, newest first, each with a button opening its case. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordTab } from '../app/uiStore';
import { channelKey, directionKey, interactionStateKey, keyOf } from './labels';
import type { InteractionRow } from './personData';
import { Section } from './Section';
import { useFormats } from './useFormats';

const shown = 20;

export function InteractionsSection({ rows, onOpen }: { rows: InteractionRow[]; onOpen: (tab: RecordTab) => void }) {
  const { t } = useTranslation();
  const f = useFormats();
  const [isAll, setIsAll] = useState(false);
  const list = isAll ? rows : rows.slice(0, shown);
  return (
    <Section title={t('people.interactionsTitle')} isWide isEmpty={rows.length === 0} none={t('people.noInteractions')}>
      <table className="p360-table" aria-label={t('people.interactionsTitle')}>
        <thead>
          <tr>
            <th scope="col">{t('people.colNumber')}</th>
            <th scope="col">{t('people.colChannel')}</th>
            <th scope="col">{t('people.colDirection')}</th>
            <th scope="col">{t('people.colStarted')}</th>
            <th scope="col">{t('people.colSubject')}</th>
            <th scope="col">{t('people.colState')}</th>
            <th scope="col">{t('people.colCase')}</th>
          </tr>
        </thead>
        <tbody>
          {list.map(({ interaction: i, caseNumber }) => {
            const channel = keyOf(channelKey, i.channel);
            const direction = keyOf(directionKey, i.direction);
            const state = keyOf(interactionStateKey, i.state);
            return (
              <tr key={i.id}>
                <th scope="row">{i.number}</th>
                <td>{channel ? t(`people.${channel}`) : i.channel}</td>
                <td>{direction ? t(`people.${direction}`) : i.direction}</td>
                <td>
                  <time dateTime={i.startedAt}>{f.dateTime(i.startedAt)}</time>
                </td>
                <td>{i.subject ?? <span className="muted">{t('people.noSubject')}</span>}</td>
                <td>{state ? t(`people.${state}`) : i.state}</td>
                <td>
                  {i.caseId && caseNumber !== null && (
                    <button type="button" className="link" onClick={() => i.caseId && onOpen({ kind: 'case', id: i.caseId })}>
                      {caseNumber || t('people.notSynced')}
                    </button>
                  )}
                  {i.caseId && caseNumber === null && <span className="muted">{t('people.caseNotOnDevice')}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {list.length < rows.length && (
        <button type="button" className="link" onClick={() => setIsAll(true)}>
          {t('people.showAllInteractions', { count: rows.length })}
        </button>
      )}
    </Section>
  );
}
