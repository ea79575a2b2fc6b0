import { useTranslation } from 'react-i18next';
import type { User } from '../../shared/domain/organisation';

type Props = { user: User; token: string };

export function DevicesView(_props: Props) {
  const { t } = useTranslation();
  return <h1>{t('nav.devices')}</h1>;
}
