/**
 * The people and accounts around this one, each a link opening its own 360 view: a consumer's
 * households (with the other members), a household's members, an account's contacts and parent and
 * child accounts, a contact's account and colleagues.
 */
import { useTranslation } from 'react-i18next';
import type { RecordTab } from '../app/uiStore';
import { keyOf, relationshipKey } from './labels';
import type { ContactRow, MemberRow, Members, PersonLink } from './personData';
import { Section } from './Section';

type Open = (tab: RecordTab) => void;

function PersonButton({ person, onOpen }: { person: PersonLink; onOpen: Open }) {
  return (
    <button type="button" className="link" onClick={() => onOpen({ kind: person.kind, id: person.id })}>
      {person.name}
    </button>
  );
}

function useRelationship(): (value: string) => string {
  const { t } = useTranslation();
  return (value) => {
    const key = keyOf(relationshipKey, value);
    return key ? t(`people.${key}`) : value;
  };
}

function MemberList({ rows, label, onOpen }: { rows: MemberRow[]; label: string; onOpen: Open }) {
  const { t } = useTranslation();
  const relationship = useRelationship();
  return (
    <ul className="p360-list" aria-label={label}>
      {rows.map((m) => (
        <li key={m.person.id}>
          <PersonButton person={m.person} onOpen={onOpen} /> <span className="muted">· {relationship(m.relationship)}</span>
          {m.isPrimary && <span className="p360-badge">{t('people.primary')}</span>}
        </li>
      ))}
    </ul>
  );
}

function ContactList({ rows, label, onOpen }: { rows: ContactRow[]; label: string; onOpen: Open }) {
  const { t } = useTranslation();
  return (
    <ul className="p360-list" aria-label={label}>
      {rows.map((c) => (
        <li key={c.person.id}>
          <PersonButton person={c.person} onOpen={onOpen} />
          {c.title && <span className="muted"> · {c.title}</span>}
          {c.isPrimary && <span className="p360-badge">{t('people.primary')}</span>}
        </li>
      ))}
    </ul>
  );
}

function ConsumerHouseholds({ members, onOpen }: { members: Extract<Members, { kind: 'consumer' }>; onOpen: Open }) {
  const { t } = useTranslation();
  const relationship = useRelationship();
  return (
    <Section isWide={false} title={t('people.membersConsumer')} isEmpty={members.households.length === 0} none={t('people.noHouseholds')}>
      <ul className="p360-list" aria-label={t('people.membersConsumer')}>
        {members.households.map((h) => (
          <li key={h.household.id}>
            <PersonButton person={h.household} onOpen={onOpen} /> <span className="muted">· {relationship(h.relationship)}</span>
            {h.isPrimary && <span className="p360-badge">{t('people.primary')}</span>}
            {h.others.length > 0 && <MemberList rows={h.others} label={t('people.otherMembers', { name: h.household.name })} onOpen={onOpen} />}
          </li>
        ))}
      </ul>
    </Section>
  );
}

function AccountRelations({ members, onOpen }: { members: Extract<Members, { kind: 'account' }>; onOpen: Open }) {
  const { t } = useTranslation();
  const hasRelated = members.parent !== null || members.children.length > 0;
  return (
    <Section isWide={false} title={t('people.membersAccount')} isEmpty={false} none="">
      <h4>{t('people.contacts')}</h4>
      {members.contacts.length ? <ContactList rows={members.contacts} label={t('people.contacts')} onOpen={onOpen} /> : <p className="muted">{t('people.noContacts')}</p>}
      {!hasRelated && <p className="muted">{t('people.noRelatedAccounts')}</p>}
      {members.parent && (
        <p>
          {t('people.parentAccount')}: <PersonButton person={members.parent} onOpen={onOpen} />
        </p>
      )}
      {members.children.length > 0 && (
        <>
          <h4>{t('people.childAccounts')}</h4>
          <ul className="p360-list" aria-label={t('people.childAccounts')}>
            {members.children.map((a) => (
              <li key={a.id}>
                <PersonButton person={a} onOpen={onOpen} />
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}

export function MembersSection({ members, onOpen }: { members: Members; onOpen: Open }) {
  const { t } = useTranslation();
  switch (members.kind) {
    case 'consumer':
      return <ConsumerHouseholds members={members} onOpen={onOpen} />;
    case 'household':
      return (
        <Section isWide={false} title={t('people.membersHousehold')} isEmpty={members.members.length === 0} none={t('people.noMembers')}>
          <MemberList rows={members.members} label={t('people.membersHousehold')} onOpen={onOpen} />
        </Section>
      );
    case 'account':
      return <AccountRelations members={members} onOpen={onOpen} />;
    case 'contact':
      return (
        <Section isWide={false} title={t('people.membersContact')} isEmpty={false} none="">
          <p>
            {t('people.account')}: {members.account ? <PersonButton person={members.account} onOpen={onOpen} /> : <span className="muted">{t('people.notRecorded')}</span>}
          </p>
          <h4>{t('people.otherContacts')}</h4>
          {members.colleagues.length ? <ContactList rows={members.colleagues} label={t('people.otherContacts')} onOpen={onOpen} /> : <p className="muted">{t('people.noColleagues')}</p>}
        </Section>
      );
    default: {
      const exhaustive: never = members;
      return exhaustive;
    }
  }
}
