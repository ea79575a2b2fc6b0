/** The 360 view of a consumer, contact, household or account (placeholder until it lands). */
import { useTranslation } from 'react-i18next';
import type { RecordTab } from '../app/uiStore';
import type { CasewayDb } from '../db/database';

export type PersonKind = 'consumer' | 'contact' | 'account' | 'household';

export function Person360(_props: { db: CasewayDb; kind: PersonKind; id: string; onOpen: (tab: RecordTab) => void }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="person-title">
      <h2 id="person-title">{t('people.title')}</h2>
    </section>
  );
}
