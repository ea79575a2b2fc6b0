import { useTranslation } from 'react-i18next';
import type { User } from '../../shared/domain/organisation';
import type { RecordTab } from '../app/uiStore';
import type { SyncSession } from '../app/syncClient';
import type { CasewayDb } from '../db/database';

type Props = { db: CasewayDb; user: User; mutate: SyncSession['mutate']; onOpen: (tab: RecordTab) => void };

export function FieldWorkView(_props: Props) {
  const { t } = useTranslation();
  return <h1>{t('nav.fieldWork')}</h1>;
}
