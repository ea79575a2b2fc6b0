/** How a record is named in tabs, lists and links: a case by its number, a person by name. */
import type { LocalRecord } from '../../shared/sync/apply';
import type { RecordKind } from './uiStore';

export function recordTitle(kind: RecordKind, record: LocalRecord | undefined): string {
  if (!record) return '';
  const s = (key: string): string => (typeof record[key] === 'string' ? (record[key] as string) : '');
  switch (kind) {
    case 'case':
    case 'interaction':
      return s('number');
    case 'consumer':
    case 'contact':
      return `${s('firstName')} ${s('lastName')}`.trim();
    case 'account':
    case 'household':
      return s('name');
    default: {
      const exhaustive: never = kind;
      return exhaustive;
    }
  }
}
