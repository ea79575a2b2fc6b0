/** Who the person or account is and how to reach them: a description list of what is recorded. */
import { useTranslation } from 'react-i18next';
import type { Address } from '../../shared/domain/customer';
import { accountKindKey, channelKey, keyOf } from './labels';
import type { Identity } from './personData';
import { Section } from './Section';
import { useFormats, type Formats } from './useFormats';

type Row = [label: string, value: string | null];

function addressLines(a: Address | null, f: Formats): string | null {
  if (!a) return null;
  const place = [a.city, a.region, a.postalCode].filter(Boolean).join(' ');
  return [a.line1, a.line2, place, f.country(a.country)].filter(Boolean).join('\n');
}

function useRows(identity: Identity): Row[] {
  const { t } = useTranslation();
  const f = useFormats();
  const channel = (value: string): string => {
    const key = keyOf(channelKey, value);
    return key ? t(`people.${key}`) : value;
  };
  switch (identity.kind) {
    case 'consumer': {
      const r = identity.record;
      return [
        [t('people.fieldKind'), r.constituentNumber ? t('people.kindConstituent') : t('people.kindConsumer')],
        [t('people.fieldConstituentNumber'), r.constituentNumber],
        [t('people.fieldEmail'), r.email],
        [t('people.fieldPhone'), r.phone],
        [t('people.fieldMobile'), r.mobile],
        [t('people.fieldLanguage'), f.language(r.preferredLanguage)],
        [t('people.fieldChannel'), channel(r.preferredChannel)],
        [t('people.fieldAddress'), addressLines(identity.address, f)],
        [t('people.fieldDateOfBirth'), r.dateOfBirth ? f.date(r.dateOfBirth) : null],
      ];
    }
    case 'contact': {
      const r = identity.record;
      return [
        [t('people.fieldKind'), t('people.kindContact')],
        [t('people.fieldJobTitle'), r.title],
        [t('people.fieldAccount'), identity.account ? `${identity.account.name} (${identity.account.number})` : null],
        [t('people.fieldStatus'), r.isActive ? t('people.contactActive') : t('people.contactInactive')],
        [t('people.fieldEmail'), r.email],
        [t('people.fieldPhone'), r.phone],
        [t('people.fieldMobile'), r.mobile],
        [t('people.fieldLanguage'), f.language(r.preferredLanguage)],
        [t('people.fieldChannel'), channel(r.preferredChannel)],
      ];
    }
    case 'household':
      return [
        [t('people.fieldKind'), t('people.kindHousehold')],
        [t('people.fieldPrimaryMember'), identity.primary ? `${identity.primary.firstName} ${identity.primary.lastName}` : null],
        [t('people.fieldAddress'), addressLines(identity.address, f)],
      ];
    case 'account': {
      const r = identity.record;
      const kind = keyOf(accountKindKey, r.kind);
      return [
        [t('people.fieldKind'), t('people.kindAccount')],
        [t('people.fieldAccountNumber'), r.number],
        [t('people.fieldAccountKind'), kind ? t(`people.${kind}`) : r.kind],
        [t('people.fieldIndustry'), r.industry],
        [t('people.fieldPrimaryContact'), identity.primaryContact ? `${identity.primaryContact.firstName} ${identity.primaryContact.lastName}` : null],
        [t('people.fieldEmail'), r.email],
        [t('people.fieldPhone'), r.phone],
        [t('people.fieldWebsite'), r.website],
        [t('people.fieldAddress'), addressLines(identity.address, f)],
      ];
    }
    default: {
      const exhaustive: never = identity;
      return exhaustive;
    }
  }
}

export function IdentitySection({ identity }: { identity: Identity }) {
  const { t } = useTranslation();
  const rows = useRows(identity).filter((row): row is [string, string] => row[1] !== null && row[1] !== '');
  return (
    <Section title={t('people.identityTitle')} isWide isEmpty={rows.length === 0} none={t('people.notRecorded')}>
      <dl className="p360-fields">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </Section>
  );
}
