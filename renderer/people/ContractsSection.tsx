/**
 * Service contracts and their entitlements, with what is covered today. Remaining units are the
 * device's copy of a figure the store counts, so they are labelled with the time of the last sync.
 */
import { useTranslation } from 'react-i18next';
import type { Entitlement } from '../../shared/domain/contract';
import type { Channel } from '../../shared/domain/vocab';
import { contractStatus, coverageSummary, entitlementStatus } from './entitlementStatus';
import { channelKey, contractStatusKey, entitlementStatusKey } from './labels';
import type { PersonData } from './personData';
import { Section } from './Section';
import { useFormats } from './useFormats';

type TableProps = { entitlements: Entitlement[]; label: string; today: string; lastSyncAt: string | null };

function useChannels(): (list: readonly Channel[]) => string {
  const { t } = useTranslation();
  const f = useFormats();
  return (list) => f.list(list.map((c) => t(`people.${channelKey[c]}`)));
}

function Units({ e, lastSyncAt }: { e: Entitlement; lastSyncAt: string | null }) {
  const { t } = useTranslation();
  const f = useFormats();
  if (e.unit === 'unlimited') return <>{t('people.unlimited')}</>;
  if (e.remainingUnits === null) return <>{t('people.unitsNotCounted')}</>;
  const options = { count: e.remainingUnits, total: e.totalUnits ?? '—' };
  return (
    <>
      <span data-testid="remaining-units">{e.unit === 'hours' ? t('people.hoursLeft', options) : t('people.casesLeft', options)}</span>
      <br />
      <span className="muted">{lastSyncAt ? t('people.asOfSync', { time: f.dateTime(lastSyncAt) }) : t('people.neverSynced')}</span>
    </>
  );
}

function EntitlementTable({ entitlements, label, today, lastSyncAt }: TableProps) {
  const { t } = useTranslation();
  const f = useFormats();
  const channels = useChannels();
  return (
    <table className="p360-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">{t('people.colEntitlement')}</th>
          <th scope="col">{t('people.colChannels')}</th>
          <th scope="col">{t('people.colUnits')}</th>
          <th scope="col">{t('people.colValidity')}</th>
          <th scope="col">{t('people.colStatus')}</th>
        </tr>
      </thead>
      <tbody>
        {entitlements.map((e) => {
          const status = entitlementStatus(e, today);
          return (
            <tr key={e.id} className={status === 'active' ? undefined : 'p360-inactive'}>
              <th scope="row">{e.name}</th>
              <td>{channels(e.channels)}</td>
              <td>
                <Units e={e} lastSyncAt={lastSyncAt} />
              </td>
              <td>{t('people.validity', { from: f.date(e.startsOn), to: f.date(e.endsOn) })}</td>
              <td>
                <span className={`p360-status p360-status-${status}`}>{t(`people.${entitlementStatusKey[status]}`)}</span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function ContractsSection({ data, today }: { data: PersonData; today: string }) {
  const { t } = useTranslation();
  const f = useFormats();
  const channels = useChannels();
  const all = [...data.contracts.flatMap((c) => c.entitlements), ...data.otherEntitlements];
  const coverage = coverageSummary(all, today);
  const isEmpty = data.contracts.length === 0 && data.otherEntitlements.length === 0;
  const heldBy = data.identity.kind === 'contact' && data.holder ? t('people.heldByAccount', { name: data.holder.name }) : data.identity.kind === 'household' ? t('people.heldByMembers') : null;
  return (
    <Section isWide={false} title={t('people.contractsTitle')} isEmpty={false} none="">
      {heldBy && <p>{heldBy}</p>}
      {isEmpty ? (
        <p className="muted">{t('people.noContracts')}</p>
      ) : (
        <>
          <p data-testid="coverage">{coverage.isCovered ? t('people.coveredOn', { channels: channels(coverage.channels) }) : t('people.notCovered')}</p>
          {data.contracts.map(({ contract, entitlements }) => {
            const status = contractStatus(contract, today);
            const title = `${contract.number} · ${contract.name}`;
            return (
              <div key={contract.id} className="p360-contract">
                <h4>{title}</h4>
                <p>
                  {t('people.validity', { from: f.date(contract.startsOn), to: f.date(contract.endsOn) })}{' '}
                  <span className={`p360-status p360-status-${status}`}>{t(`people.${contractStatusKey[status]}`)}</span>
                </p>
                {entitlements.length ? (
                  <EntitlementTable entitlements={entitlements} label={t('people.entitlementsOf', { name: title })} today={today} lastSyncAt={data.lastSyncAt} />
                ) : (
                  <p className="muted">{t('people.noEntitlements')}</p>
                )}
              </div>
            );
          })}
          {data.otherEntitlements.length > 0 && (
            <>
              <h4>{t('people.otherEntitlements')}</h4>
              <EntitlementTable entitlements={data.otherEntitlements} label={t('people.otherEntitlements')} today={today} lastSyncAt={data.lastSyncAt} />
            </>
          )}
          <p className="p360-hint">{t('people.unitsNote')}</p>
        </>
      )}
    </Section>
  );
}
