import { describe, expect, it } from 'vitest';
import type { LocalRecord } from '../../shared/sync/apply';
import { toSearchDocument, type DocumentContext, type IndexedTable } from './searchDocuments';
import { createSearchIndex, type SearchIndex, type SearchQueryOptions } from './searchIndex';

const context: DocumentContext = { caseStateLabel: (_type, state) => (state === 'in_progress' ? 'In Progress' : state) };
const now = '2026-03-01T10:00:00.000Z';

function record(id: string, fields: Record<string, unknown>): LocalRecord {
  return { id, rev: 1, updatedAt: now, ...fields };
}

function put(index: SearchIndex, type: IndexedTable, rec: LocalRecord): void {
  const doc = toSearchDocument(type, rec, context);
  if (doc) index.upsert(doc);
}

function ids(index: SearchIndex, text: string, options: SearchQueryOptions = {}): string[] {
  return index.query(text, options).hits.map((h) => h.id);
}

/** A small cache: a few cases with notes, people, an account, a household and install base items. */
function sample(): SearchIndex {
  const index = createSearchIndex();
  put(index, 'consumer', record('p-ana', { firstName: 'Ana', lastName: 'López', email: 'ana.lopez@mail.example', phone: '+61 3 9555 0101', mobile: null, constituentNumber: 'CN004417' }));
  put(index, 'consumer', record('p-anabel', { firstName: 'Anabel', lastName: 'Smith', email: null, phone: '+61 2 8123 4567', mobile: '+61 412 345 678', constituentNumber: null }));
  put(index, 'contact', record('p-tom', { firstName: 'Tom', lastName: 'Hughes', email: 'tom@harbourside.example', phone: '0298765432', accountId: 'a-harbour' }));
  put(index, 'account', record('a-harbour', { name: 'Harbourside Bakery', number: 'ACC10042', email: 'info@harbourside.example', phone: '+61 2 9000 1111' }));
  put(index, 'household', record('h-lopez', { name: 'López household' }));
  put(index, 'installBaseItem', record('ib-meter', { name: 'Smart meter', serialNumber: 'SM-448812', state: 'faulty', consumerId: 'p-ana', accountId: null, householdId: null }));
  put(index, 'installBaseItem', record('ib-orphan', { name: 'Spare meter', serialNumber: 'SM-1', state: 'installed', consumerId: null, accountId: null, householdId: null }));
  put(index, 'case', record('c-1234', { number: 'CS0001234', shortDescription: 'Pothole on Harbour Street', description: 'Deep pothole near the bus stop, a cyclist fell.', state: 'in_progress', caseTypeId: 'ct', updatedAt: '2026-02-01T00:00:00.000Z' }));
  put(index, 'case', record('c-5678', { number: 'CS0005678', shortDescription: 'Streetlight out', description: 'The light near the harbour has been out for a week.', state: 'new', caseTypeId: 'ct', updatedAt: '2026-02-02T00:00:00.000Z' }));
  put(index, 'case', record('c-0012', { number: 'CS0000012', shortDescription: 'Missed bin collection', description: null, state: 'new', caseTypeId: 'ct' }));
  put(index, 'journalEntry', record('j-1', { caseId: 'c-0012', kind: 'comment', body: 'Customer says the truck skipped the whole cul-de-sac.' }));
  put(index, 'journalEntry', record('j-2', { caseId: 'c-0012', kind: 'work_note', body: 'Called depot: driver confirms the gate was locked.' }));
  return index;
}

describe('search index', () => {
  it('finds a case by its number, its numeric tail and a prefix of the number being typed', () => {
    const index = sample();
    expect(ids(index, 'CS0001234')).toEqual(['c-1234']);
    expect(ids(index, '1234')[0]).toBe('c-1234');
    expect(ids(index, 'cs000').sort()).toEqual(['c-0012', 'c-1234', 'c-5678']);
    expect(ids(index, 'cs00012')).toEqual(['c-1234']);
    expect(ids(index, '0001234')).toEqual(['c-1234']);
    const hit = index.query('1234', {}).hits[0];
    expect(hit).toMatchObject({ type: 'case', title: 'CS0001234: Pothole on Harbour Street', state: 'In Progress', open: { kind: 'case', id: 'c-1234' }, matchedIn: 'number' });
  });

  it('finds a case by a word of its short description or description', () => {
    const index = sample();
    expect(ids(index, 'pothole')).toEqual(['c-1234']);
    expect(ids(index, 'cyclist')).toEqual(['c-1234']);
    expect(index.query('cyclist', {}).hits[0]?.matchedIn).toBe('description');
  });

  it('finds a case by its comments and work notes and says which matched', () => {
    const index = sample();
    const comment = index.query('cul-de-sac', {}).hits;
    expect(comment.map((h) => [h.id, h.matchedIn, h.matchedEntryId])).toEqual([['c-0012', 'comment', 'j-1']]);
    const note = index.query('depot locked', {}).hits;
    expect(note.map((h) => [h.id, h.matchedIn, h.matchedEntryId])).toEqual([['c-0012', 'workNote', 'j-2']]);
    // The terms of one query may be spread over a case and its notes.
    expect(ids(index, 'bin depot')).toEqual(['c-0012']);
  });

  it('finds people by name with accents folded, by email and by constituent number', () => {
    const index = sample();
    expect(ids(index, 'lopez', { types: ['consumer'] })).toEqual(['p-ana']);
    expect(ids(index, 'LÓPEZ ana', { types: ['consumer'] })).toEqual(['p-ana']);
    expect(ids(index, 'ana.lopez@mail')).toEqual(['p-ana']);
    expect(ids(index, '4417')).toEqual(['p-ana']);
    expect(index.query('lopez', { types: ['consumer'] }).hits[0]).toMatchObject({ title: 'Ana López', subtitle: 'ana.lopez@mail.example · +61 3 9555 0101', open: { kind: 'consumer', id: 'p-ana' } });
  });

  it('finds a person by any way of writing part of a phone number', () => {
    const index = sample();
    for (const typed of ['0395550101', '9555 0101', '95550101', '+61 3 9555', '+61395550101', '03 9555 0101', '(03) 9555-0101']) expect(ids(index, typed), typed).toEqual(['p-ana']);
    expect(ids(index, '0412 345')).toEqual(['p-anabel']);
    expect(ids(index, '98765432')).toEqual(['p-tom']);
    expect(index.query('9555 0101', {}).hits[0]?.matchedIn).toBe('phone');
  });

  it('requires every term, the last one by its prefix', () => {
    const index = sample();
    expect(ids(index, 'ana')).toEqual(expect.arrayContaining(['p-ana', 'p-anabel']));
    expect(ids(index, 'ana smi')).toEqual(['p-anabel']);
    expect(ids(index, 'ana zzz')).toEqual([]);
    expect(ids(index, 'harbour', { types: ['account'] })).toEqual(['a-harbour']);
    expect(ids(index, 'pot har')).toEqual(['c-1234']);
  });

  it('matches a short term being typed only against names, numbers and contact details', () => {
    const index = sample();
    // "cu" starts "cul" in a comment, but a two-letter prefix reads only the primary fields.
    expect(ids(index, 'cu')).toEqual([]);
    expect(ids(index, 'cul')).toEqual(['c-0012']);
    expect(ids(index, 'to')).toEqual(['p-tom']);
  });

  it('ranks an exact number first, then names and short descriptions, then descriptions and notes', () => {
    const index = createSearchIndex();
    put(index, 'case', record('by-note', { number: 'CS0000001', shortDescription: 'Noise', description: null, state: 'new', caseTypeId: 'ct' }));
    put(index, 'journalEntry', record('j', { caseId: 'by-note', kind: 'comment', body: 'Barking dog next door' }));
    put(index, 'case', record('by-description', { number: 'CS0000002', shortDescription: 'Noise', description: 'A dog barking all night', state: 'new', caseTypeId: 'ct' }));
    put(index, 'case', record('by-title', { number: 'CS0000003', shortDescription: 'Dog barking', description: null, state: 'new', caseTypeId: 'ct' }));
    put(index, 'consumer', record('by-name', { firstName: 'Barking', lastName: 'Mad', email: null, phone: null, mobile: null, constituentNumber: null }));
    // Name and short description tie (a case, updated, before a person), then description, then a comment.
    expect(ids(index, 'barking')).toEqual(['by-title', 'by-name', 'by-description', 'by-note']);
    expect(ids(index, '2')[0]).toBe('by-description');
    // An exact word beats a longer word with that prefix.
    put(index, 'consumer', record('dogged', { firstName: 'Doggedly', lastName: 'Kim', email: null, phone: null, mobile: null, constituentNumber: null }));
    put(index, 'consumer', record('dog', { firstName: 'Dog', lastName: 'Kim', email: null, phone: null, mobile: null, constituentNumber: null }));
    expect(ids(index, 'dog kim')).toEqual(['dog', 'dogged']);
  });

  it('orders equal matches newest first for cases', () => {
    const index = sample();
    put(index, 'case', record('c-older', { number: 'CS0000100', shortDescription: 'Harbour wall crack', description: null, state: 'new', caseTypeId: 'ct', updatedAt: '2025-01-01T00:00:00.000Z' }));
    put(index, 'case', record('c-newer', { number: 'CS0000101', shortDescription: 'Harbour wall graffiti', description: null, state: 'new', caseTypeId: 'ct', updatedAt: '2026-05-01T00:00:00.000Z' }));
    expect(ids(index, 'harbour wall')).toEqual(['c-newer', 'c-older']);
  });

  it('replaces a record’s old terms when it is indexed again', () => {
    const index = sample();
    put(index, 'consumer', record('p-ana', { rev: 2, firstName: 'Ana', lastName: 'Ortega', email: null, phone: null, mobile: null, constituentNumber: null }));
    expect(ids(index, 'lopez', { types: ['consumer'] })).toEqual([]);
    expect(ids(index, 'ortega')).toEqual(['p-ana']);
    expect(ids(index, '0395550101')).toEqual([]);
    expect(index.query('ortega', {}).hits[0]?.title).toBe('Ana Ortega');
    expect(index.stats().records).toBe(10);
  });

  it('removes records and journal entries', () => {
    const index = sample();
    expect(index.remove('journalEntry', 'j-2')).toBe(true);
    expect(ids(index, 'depot')).toEqual([]);
    expect(ids(index, 'cul-de-sac')).toEqual(['c-0012']);
    expect(index.remove('case', 'c-0012')).toBe(true);
    expect(ids(index, 'cul-de-sac')).toEqual([]);
    expect(ids(index, 'missed')).toEqual([]);
    expect(index.remove('case', 'c-0012')).toBe(false);
    expect(index.stampOf('case', 'c-0012')).toBeUndefined();
    expect(index.ids('case').sort()).toEqual(['c-1234', 'c-5678']);
  });

  it('finds a note written before its case arrived once the case is there', () => {
    const index = createSearchIndex();
    put(index, 'journalEntry', record('j', { caseId: 'late', kind: 'work_note', body: 'Valve replaced' }));
    expect(ids(index, 'valve')).toEqual([]);
    put(index, 'case', record('late', { number: 'CS0000009', shortDescription: 'Leak', description: null, state: 'new', caseTypeId: 'ct' }));
    expect(ids(index, 'valve')).toEqual(['late']);
  });

  it('opens an install base item’s owner, and restricts results to the types asked for', () => {
    const index = sample();
    expect(index.query('448812', {}).hits[0]).toMatchObject({ type: 'installBaseItem', title: 'Smart meter · SM-448812', state: 'faulty', open: { kind: 'consumer', id: 'p-ana' }, matchedIn: 'serialNumber' });
    expect(index.query('spare', {}).hits[0]?.open).toBeNull();
    expect(ids(index, 'meter', { types: ['case'] })).toEqual([]);
    expect(ids(index, 'lopez', { types: ['household'] })).toEqual(['h-lopez']);
  });

  it('returns at most the limit, with the total and the count per type', () => {
    const index = createSearchIndex();
    for (let i = 0; i < 120; i++) put(index, 'case', record(`c${i}`, { number: `CS${String(i).padStart(7, '0')}`, shortDescription: `Graffiti report ${i}`, description: null, state: 'new', caseTypeId: 'ct', updatedAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString() }));
    put(index, 'consumer', record('g', { firstName: 'Graffiti', lastName: 'Artist', email: null, phone: null, mobile: null, constituentNumber: null }));
    const result = index.query('graffiti', { limit: 10 });
    expect(result.hits).toHaveLength(10);
    expect(result.total).toBe(121);
    expect(result.totalsByType).toMatchObject({ case: 120, consumer: 1 });
    expect(result.hits.map((h) => h.id).slice(0, 3)).toEqual(['c119', 'c118', 'c117']);
    expect(index.query('graffiti', {}).hits).toHaveLength(50);
    expect(index.query('', {}).hits).toEqual([]);
  });

  it('drops dead postings when compacting and answers the same', () => {
    const index = sample();
    for (let rev = 2; rev < 50; rev++) put(index, 'consumer', record('p-ana', { rev, firstName: 'Ana', lastName: 'López', email: null, phone: '+61 3 9555 0101', mobile: null, constituentNumber: null }));
    expect(index.stats().deadPostings).toBeGreaterThan(0);
    const before = ids(index, 'lopez');
    index.compact();
    expect(index.stats().deadPostings).toBe(0);
    expect(ids(index, 'lopez')).toEqual(before);
    expect(ids(index, '9555 0101')).toEqual(['p-ana']);
  });

  it('finds terms added after the dictionary was sorted, and after it is sorted again', () => {
    const index = sample();
    index.flushTerms();
    put(index, 'consumer', record('p-new', { firstName: 'Zebedee', lastName: 'Quartermaine', email: null, phone: null, mobile: null, constituentNumber: null }));
    expect(ids(index, 'quarter')).toEqual(['p-new']);
    index.flushTerms();
    expect(ids(index, 'quarter')).toEqual(['p-new']);
    expect(ids(index, 'pothole')).toEqual(['c-1234']);
  });
});
