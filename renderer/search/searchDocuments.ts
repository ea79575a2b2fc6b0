/**
 * What of each cached record is searched and what a hit on it shows: a case by its number, short
 * description, description and (as parts of it) its comments and work notes; people, accounts and
 * households by name, numbers and contact details; install base items by name and serial number,
 * opening the 360 view of whoever owns them. Pure: plain records in, documents out.
 */
import type { RecordTab } from '../app/uiStore';
import type { LocalRecord } from '../../shared/sync/apply';
import type { PartType, SearchDocument } from './searchIndex';

/** The tables the index reads, in the order a first build reads them (people first: caller lookup). */
export const indexedTables = ['consumer', 'contact', 'account', 'household', 'installBaseItem', 'case', 'journalEntry'] as const satisfies readonly PartType[];
export type IndexedTable = (typeof indexedTables)[number];

export type DocumentContext = {
  /** The label of a case's state in its case type's life cycle (the key when unknown). */
  caseStateLabel(caseTypeId: string, state: string): string;
};

function str(record: LocalRecord, key: string): string | null {
  const value = record[key];
  return typeof value === 'string' && value.length > 0 ? value : null;
}

function present(...values: (string | null)[]): string[] {
  return values.filter((v): v is string => v !== null);
}

/** A 32-bit FNV-1a hash of the record's version (rev and updatedAt): changes whenever the record does. */
export function recordStamp(record: LocalRecord): number {
  const version = `${String(record.rev ?? '')}|${String(record.updatedAt ?? '')}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < version.length; i++) {
    hash ^= version.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function ownerTab(record: LocalRecord): RecordTab | null {
  const consumerId = str(record, 'consumerId');
  if (consumerId) return { kind: 'consumer', id: consumerId };
  const accountId = str(record, 'accountId');
  if (accountId) return { kind: 'account', id: accountId };
  const householdId = str(record, 'householdId');
  if (householdId) return { kind: 'household', id: householdId };
  return null;
}

function personName(record: LocalRecord): string {
  return present(str(record, 'firstName'), str(record, 'lastName')).join(' ');
}

export function toSearchDocument(type: IndexedTable, record: LocalRecord, context: DocumentContext): SearchDocument | null {
  const stamp = recordStamp(record);
  const base = { id: record.id, stamp, sortKey: 0, subtitle: '', state: null };
  switch (type) {
    case 'case': {
      const number = str(record, 'number');
      const shortDescription = str(record, 'shortDescription') ?? '';
      const state = str(record, 'state');
      const caseTypeId = str(record, 'caseTypeId');
      return {
        ...base,
        type,
        title: number ? `${number}: ${shortDescription}` : shortDescription,
        state: state ? (caseTypeId ? context.caseStateLabel(caseTypeId, state) : state) : null,
        open: { kind: 'case', id: record.id },
        sortKey: Date.parse(str(record, 'updatedAt') ?? '') || 0,
        fields: { number: present(number), title: [shortDescription], description: present(str(record, 'description'), str(record, 'resolutionNotes')) },
      };
    }
    case 'consumer':
    case 'contact':
      return {
        ...base,
        type,
        title: personName(record),
        subtitle: present(str(record, 'email'), str(record, 'phone') ?? str(record, 'mobile')).join(' · '),
        open: { kind: type, id: record.id },
        fields: { number: present(str(record, 'constituentNumber')), title: present(str(record, 'firstName'), str(record, 'lastName')), email: present(str(record, 'email')), phone: present(str(record, 'phone'), str(record, 'mobile')) },
      };
    case 'account':
      return {
        ...base,
        type,
        title: str(record, 'name') ?? '',
        subtitle: present(str(record, 'number'), str(record, 'phone')).join(' · '),
        open: { kind: 'account', id: record.id },
        fields: { number: present(str(record, 'number')), title: present(str(record, 'name')), email: present(str(record, 'email')), phone: present(str(record, 'phone')) },
      };
    case 'household':
      return { ...base, type, title: str(record, 'name') ?? '', open: { kind: 'household', id: record.id }, fields: { title: present(str(record, 'name')) } };
    case 'installBaseItem': {
      const name = str(record, 'name') ?? '';
      const serial = str(record, 'serialNumber');
      return {
        ...base,
        type,
        title: serial ? `${name} · ${serial}` : name,
        state: str(record, 'state'),
        open: ownerTab(record),
        fields: { serialNumber: present(serial), title: [name] },
      };
    }
    case 'journalEntry': {
      const caseId = str(record, 'caseId');
      if (!caseId) return null;
      return { type, id: record.id, caseId, kind: record.kind === 'comment' ? 'comment' : 'work_note', body: str(record, 'body') ?? '', stamp };
    }
    default: {
      const exhaustive: never = type;
      return exhaustive;
    }
  }
}
