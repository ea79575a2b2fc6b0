/**
 * `caseway://` deep links in the workspace (desktop only; the web host has none): open a case by
 * number from the local cache, or start an interaction on the link's channel with the caller's
 * number or address prefilled, as the interactions view does, so the intake's caller lookup starts
 * from it. A case not on this device is reported, not fetched: the cache is all the UI reads.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeepLinkAction } from '../../shared/ipc/deepLinks';
import type { MutationName } from '../../shared/sync/mutations';
import { recordTable, type CasewayDb } from '../db/database';
import { startInteraction } from '../interactions/InteractionsView';
import type { Host } from '../platform/host';
import type { RecordTab } from './uiStore';

type Mutate = (name: MutationName, args: unknown) => Promise<number>;

export type DeepLinkOutcome = { kind: 'opened'; tab: RecordTab } | { kind: 'caseNotFound'; number: string } | { kind: 'failed' };

/** Carries out one action against the cache; the caller opens the tab. */
export async function followDeepLink(action: DeepLinkAction, db: CasewayDb, userId: string, mutate: Mutate): Promise<DeepLinkOutcome> {
  switch (action.kind) {
    case 'openCase': {
      const found = await recordTable(db, 'case').where('number').equals(action.number).first();
      return found ? { kind: 'opened', tab: { kind: 'case', id: found.id } } : { kind: 'caseNotFound', number: action.number };
    }
    case 'startInteraction': {
      try {
        const id = await startInteraction(mutate, userId, { channel: action.channel, direction: 'inbound', fromAddress: action.from, subject: null });
        return { kind: 'opened', tab: { kind: 'interaction', id } };
      } catch {
        return { kind: 'failed' };
      }
    }
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}

/** Follows the host's deep links while the workspace is shown; answers a notice to show when one could not be followed. */
export function useDeepLinks(host: Host, session: { db: CasewayDb; userId: string; mutate: Mutate } | null, onOpen: (tab: RecordTab) => void): string | null {
  const { t } = useTranslation();
  const [notice, setNotice] = useState<string | null>(null);
  // The latest callbacks without resubscribing (a resubscription could drop a link arriving between).
  const latest = useRef({ session, onOpen, t });
  latest.current = { session, onOpen, t };
  const isReady = session !== null;
  useEffect(() => {
    if (!isReady) return;
    return host.onDeepLink((action) => {
      const { session: current } = latest.current;
      if (!current) return;
      void followDeepLink(action, current.db, current.userId, current.mutate).then((outcome) => {
        const { onOpen: open, t: translate } = latest.current;
        if (outcome.kind === 'opened') {
          setNotice(null);
          open(outcome.tab);
        } else setNotice(outcome.kind === 'caseNotFound' ? translate('keys.deepLinkCaseNotFound', { number: outcome.number }) : translate('keys.deepLinkFailed'));
      });
    });
  }, [host, isReady]);
  return notice;
}
