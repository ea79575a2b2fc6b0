/** Global search across the local cache (placeholder until the index lands). */
import { useTranslation } from 'react-i18next';
import type { RecordTab } from '../app/uiStore';
import type { CasewayDb } from '../db/database';

export function SearchView(_props: { db: CasewayDb; onOpen: (tab: RecordTab) => void }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="search-title">
      <h2 id="search-title">{t('search.title')}</h2>
    </section>
  );
}
