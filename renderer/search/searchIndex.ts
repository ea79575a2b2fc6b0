/**
 * The in-memory search index over the cached records: an inverted index from terms to postings,
 * kept current one record at a time. Pure: no DOM, no Dexie (the worker feeds it).
 *
 * Invariants:
 * - A posting is `part * 8 + field`: the part (one indexed record or journal entry) and the field
 *   the term was found in. Field codes are ordered by weight, so a part keeps only its best field
 *   per term.
 * - Postings of names, numbers and contact details (the "primary" fields) and of longer text
 *   (descriptions, comments, work notes) sit in separate lists, so a short prefix being typed
 *   scans only the small primary lists.
 * - Parts are never changed in place: an upsert adds a new part and marks the old one dead; dead
 *   postings are skipped by queries and dropped by `compact`, which runs once they are a quarter
 *   of all postings. So adding a record only ever appends to lists.
 * - Results are owners: a case owns its own part and its journal entries' parts, so all the terms
 *   of a query may be spread across a case and its comments.
 */
import type { RecordTab } from '../app/uiStore';
import { bestMatches, mergeReadings, type Matches } from './rankMatches';
import { identifierTerms, parseQuery, phoneTerms, words, type QueryTerm } from './tokenize';

export const searchTypes = ['case', 'consumer', 'contact', 'account', 'household', 'installBaseItem'] as const;
export type SearchType = (typeof searchTypes)[number];

/** Where a term matched, from the strongest to the weakest; the position is the posting's field code. */
export const searchFields = ['number', 'serialNumber', 'title', 'phone', 'email', 'description', 'comment', 'workNote'] as const;
export type SearchField = (typeof searchFields)[number];
export type RecordField = Exclude<SearchField, 'comment' | 'workNote'>;

const primaryFieldCount = 5;
const commentCode = 6;
const workNoteCode = 7;
/** Points per matched term by field code, for a whole term and for a term matched by its prefix. */
const exactWeights = [100, 90, 40, 34, 30, 12, 10, 10] as const;
const prefixWeights = [70, 60, 30, 26, 22, 8, 6, 6] as const;

/** One searchable record, with what a hit on it shows. */
export type RecordDocument = {
  type: SearchType;
  id: string;
  title: string;
  subtitle: string;
  /** A case's state label, an install base item's state key; null otherwise. */
  state: string | null;
  /** The tab a hit opens (an install base item opens its owner); null when there is none. */
  open: RecordTab | null;
  /** Among equal matches the higher comes first (a case's last update, in ms). */
  sortKey: number;
  /** The version indexed, to tell a changed record from an unchanged one. */
  stamp: number;
  fields: Partial<Record<RecordField, readonly string[]>>;
};

/** A comment or work note, searched as part of its case. */
export type JournalDocument = { type: 'journalEntry'; id: string; caseId: string; kind: 'comment' | 'work_note'; body: string; stamp: number };

export type SearchDocument = RecordDocument | JournalDocument;
export type PartType = SearchDocument['type'];
export const partTypes = [...searchTypes, 'journalEntry'] as const satisfies readonly PartType[];

export type SearchHit = {
  type: SearchType;
  id: string;
  title: string;
  subtitle: string;
  state: string | null;
  open: RecordTab | null;
  /** The weakest field one of the query's terms matched in (why the record is in the results). */
  matchedIn: SearchField;
  /** The comment or work note that matched, when `matchedIn` is one of those. */
  matchedEntryId: string | null;
  /** An excerpt of the description, comment or work note that matched (added by the worker). */
  snippet: string | null;
  score: number;
};

export type SearchQueryOptions = { types?: readonly SearchType[]; limit?: number };

export type SearchResult = {
  hits: SearchHit[];
  /** Every matching record, of which `hits` are the best `limit`. */
  total: number;
  totalsByType: Record<SearchType, number>;
  /** The query's terms, folded (to highlight or excerpt with). */
  terms: string[];
};

export type SearchIndexStats = { records: number; journalEntries: number; terms: number; postings: number; deadPostings: number };

export type SearchIndex = {
  upsert(doc: SearchDocument): void;
  /** Removes a record or journal entry; false when it was not indexed. */
  remove(type: PartType, id: string): boolean;
  /** The stamp a record was indexed with, or undefined when it is not indexed. */
  stampOf(type: PartType, id: string): number | undefined;
  /** Ids of the indexed records of a type. */
  ids(type: PartType): string[];
  query(text: string, options: SearchQueryOptions): SearchResult;
  /** Drops dead postings now (also done automatically). */
  compact(): void;
  /** Sorts terms added since the last call into the prefix dictionary (also done when a query needs it). */
  flushTerms(): void;
  stats(): SearchIndexStats;
};

export const defaultLimit = 50;
const pendingTermLimit = 20_000;
const tokenStride = 16;

type Typed = Int32Array | Uint8Array | Float64Array;

function ensure<T extends Typed>(array: T, size: number, make: (length: number) => T): T {
  if (size <= array.length) return array;
  const next = make(Math.max(size, array.length * 2));
  next.set(array);
  return next;
}

/** A copy that does not keep the text it was cut from alive (V8 slices long substrings). */
function ownString(s: string): string {
  return s.length >= 13 ? (JSON.parse(JSON.stringify(s)) as string) : s;
}

function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? '') < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function termsOf(field: RecordField, text: string): string[] {
  switch (field) {
    case 'number':
    case 'serialNumber':
      return identifierTerms(text);
    case 'phone':
      return phoneTerms(text);
    case 'title':
    case 'email':
    case 'description':
      return words(text);
    default: {
      const exhaustive: never = field;
      return exhaustive;
    }
  }
}

function emptyTotals(): Record<SearchType, number> {
  return { case: 0, consumer: 0, contact: 0, account: 0, household: 0, installBaseItem: 0 };
}

/** One query term's dictionary terms and what scanning them costs. */
type Step = { ids: number[]; exactId: number; allowText: boolean; cost: number };

export function createSearchIndex(): SearchIndex {
  // Dictionary: term → id; postings per id; `sorted` for prefix lookup, `pending` not yet sorted in.
  const termIds = new Map<string, number>();
  const terms: string[] = [];
  const primary: (number[] | undefined)[] = [];
  const text: (number[] | undefined)[] = [];
  let sorted: string[] = [];
  let sortedIds: number[] = [];
  let pending: number[] = [];

  // Parts: one per indexed record version or journal entry.
  let partCount = 0;
  let partOwner = new Int32Array(1024);
  let partAlive = new Uint8Array(1024);
  let partPostings = new Int32Array(1024);
  let partStamp = new Float64Array(1024);
  const partId: string[] = [];
  const parts: Record<PartType, Map<string, number>> = { case: new Map(), consumer: new Map(), contact: new Map(), account: new Map(), household: new Map(), installBaseItem: new Map(), journalEntry: new Map() };
  let livePostings = 0;
  let deadPostings = 0;

  // Owners: what a query returns.
  let ownerCount = 0;
  let ownerType = new Uint8Array(1024);
  let ownerHasMain = new Uint8Array(1024);
  let ownerSort = new Float64Array(1024);
  const ownerDisplay: (Omit<RecordDocument, 'fields' | 'stamp' | 'sortKey'> | null)[] = [];
  const owners: Record<SearchType, Map<string, number>> = { case: new Map(), consumer: new Map(), contact: new Map(), account: new Map(), household: new Map(), installBaseItem: new Map() };

  // Per-query scratch, indexed by owner; `mark` says how many terms an owner matched in this query.
  let generation = 0;
  let mark = new Int32Array(1024);
  let acc = new Int32Array(1024);
  let tokVal = new Int32Array(1024);
  let tokField = new Uint8Array(1024);
  let tokPart = new Int32Array(1024);
  let worstVal = new Int32Array(1024);
  let worstField = new Uint8Array(1024);
  let worstPart = new Int32Array(1024);

  const termId = (term: string): number => {
    const known = termIds.get(term);
    if (known !== undefined) return known;
    const id = terms.length;
    const own = ownString(term);
    termIds.set(own, id);
    terms.push(own);
    primary.push(undefined);
    text.push(undefined);
    pending.push(id);
    return id;
  };

  const ownerOf = (type: SearchType, id: string): number => {
    const known = owners[type].get(id);
    if (known !== undefined) return known;
    const o = ownerCount++;
    ownerType = ensure(ownerType, ownerCount, (n) => new Uint8Array(n));
    ownerHasMain = ensure(ownerHasMain, ownerCount, (n) => new Uint8Array(n));
    ownerSort = ensure(ownerSort, ownerCount, (n) => new Float64Array(n));
    ownerType[o] = searchTypes.indexOf(type);
    ownerDisplay.push(null);
    owners[type].set(id, o);
    return o;
  };

  const killPart = (part: number): void => {
    if (partAlive[part] === 0) return;
    partAlive[part] = 0;
    const n = partPostings[part] ?? 0;
    livePostings -= n;
    deadPostings += n;
  };

  const addPart = (id: string, owner: number, postings: Map<string, number>, stamp: number): number => {
    const part = partCount++;
    partOwner = ensure(partOwner, partCount, (n) => new Int32Array(n));
    partAlive = ensure(partAlive, partCount, (n) => new Uint8Array(n));
    partPostings = ensure(partPostings, partCount, (n) => new Int32Array(n));
    partStamp = ensure(partStamp, partCount, (n) => new Float64Array(n));
    partOwner[part] = owner;
    partAlive[part] = 1;
    partStamp[part] = stamp;
    partId[part] = id;
    for (const [term, field] of postings) {
      const t = termId(term);
      const lists = field < primaryFieldCount ? primary : text;
      const list = lists[t];
      if (list) list.push(part * 8 + field);
      else lists[t] = [part * 8 + field];
    }
    partPostings[part] = postings.size;
    livePostings += postings.size;
    return part;
  };

  const compact = (): void => {
    if (deadPostings === 0) return;
    for (const lists of [primary, text]) {
      for (let t = 0; t < lists.length; t++) {
        const list = lists[t];
        if (!list) continue;
        let w = 0;
        for (let k = 0; k < list.length; k++) {
          const code = list[k] ?? 0;
          if (partAlive[code >>> 3] === 1) list[w++] = code;
        }
        if (w === 0) lists[t] = undefined;
        else list.length = w;
      }
    }
    deadPostings = 0;
  };

  const maybeCompact = (): void => {
    if (deadPostings > 100_000 && deadPostings * 3 > livePostings) compact();
  };

  const flushTerms = (): void => {
    if (pending.length === 0) return;
    const added = pending.map((id) => terms[id] ?? '').sort();
    const addedIds = added.map((t) => termIds.get(t) ?? 0);
    const mergedTerms: string[] = new Array<string>(sorted.length + added.length);
    const mergedIds: number[] = new Array<number>(sorted.length + added.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < sorted.length || j < added.length) {
      const a = sorted[i];
      const b = added[j];
      if (b === undefined || (a !== undefined && a < b)) {
        mergedTerms[k] = a ?? '';
        mergedIds[k++] = sortedIds[i++] ?? 0;
      } else {
        mergedTerms[k] = b;
        mergedIds[k++] = addedIds[j++] ?? 0;
      }
    }
    sorted = mergedTerms;
    sortedIds = mergedIds;
    pending = [];
  };

  const upsert = (doc: SearchDocument): void => {
    const previous = parts[doc.type].get(doc.id);
    if (previous !== undefined) killPart(previous);
    const postings = new Map<string, number>();
    let owner: number;
    if (doc.type === 'journalEntry') {
      owner = ownerOf('case', doc.caseId);
      const code = doc.kind === 'comment' ? commentCode : workNoteCode;
      for (const w of words(doc.body)) postings.set(w, code);
    } else {
      owner = ownerOf(doc.type, doc.id);
      for (const field of searchFields) {
        if (field === 'comment' || field === 'workNote') continue;
        const code = searchFields.indexOf(field);
        for (const value of doc.fields[field] ?? []) {
          for (const term of termsOf(field, value)) {
            const known = postings.get(term);
            if (known === undefined || code < known) postings.set(term, code);
          }
        }
      }
      ownerHasMain[owner] = 1;
      ownerSort[owner] = doc.sortKey;
      ownerDisplay[owner] = { type: doc.type, id: doc.id, title: doc.title, subtitle: doc.subtitle, state: doc.state, open: doc.open };
    }
    parts[doc.type].set(doc.id, addPart(doc.id, owner, postings, doc.stamp));
    maybeCompact();
  };

  const remove = (type: PartType, id: string): boolean => {
    const part = parts[type].get(id);
    if (part === undefined) return false;
    killPart(part);
    parts[type].delete(id);
    if (type !== 'journalEntry') ownerHasMain[partOwner[part] ?? 0] = 0;
    maybeCompact();
    return true;
  };

  const ensureScratch = (): void => {
    if (mark.length >= ownerCount) return;
    const n = Math.max(ownerCount, mark.length * 2);
    mark = new Int32Array(n);
    acc = new Int32Array(n);
    tokVal = new Int32Array(n);
    tokField = new Uint8Array(n);
    tokPart = new Int32Array(n);
    worstVal = new Int32Array(n);
    worstField = new Uint8Array(n);
    worstPart = new Int32Array(n);
    generation = 0;
  };

  /** The dictionary terms a query term matches, exact or by prefix, and the postings they hold. */
  const plan = (term: QueryTerm): Step => {
    const ids: number[] = [];
    const start = lowerBound(sorted, term.text);
    for (let i = start; i < sorted.length; i++) {
      if (!(sorted[i] ?? '').startsWith(term.text)) break;
      ids.push(sortedIds[i] ?? 0);
    }
    for (const id of pending) if ((terms[id] ?? '').startsWith(term.text)) ids.push(id);
    const exactId = termIds.get(term.text) ?? -1;
    const allowText = !term.isShort;
    let cost = 0;
    for (const id of ids) cost += (primary[id]?.length ?? 0) + (allowText || id === exactId ? (text[id]?.length ?? 0) : 0);
    return { ids, exactId, allowText, cost };
  };

  /** All the owners matching every term of one reading, with their score and weakest field. */
  const evaluate = (reading: QueryTerm[], typeMask: number): Matches => {
    const none: Matches = { owners: new Int32Array(0), scores: new Int32Array(0), fields: new Uint8Array(0), parts: new Int32Array(0), count: 0 };
    const steps = reading.map(plan).sort((a, b) => a.cost - b.cost);
    if (steps.some((s) => s.ids.length === 0)) return none;
    ensureScratch();
    generation++;
    if (generation * tokenStride > 0x3fff_ffff) {
      mark.fill(0);
      generation = 1;
    }
    const base = generation * tokenStride;
    let candidates: number[] = [];
    for (let j = 0; j < steps.length; j++) {
      const step = steps[j];
      if (!step) continue;
      const want = base + j;
      const done = want + 1;
      const scan = (list: number[] | undefined, weights: readonly number[]): void => {
        if (!list) return;
        for (let k = 0; k < list.length; k++) {
          const code = list[k] ?? 0;
          const part = code >>> 3;
          if (partAlive[part] === 0) continue;
          const o = partOwner[part] ?? 0;
          if (mark[o] !== done) {
            if (j === 0) {
              if (ownerHasMain[o] === 0 || ((1 << (ownerType[o] ?? 0)) & typeMask) === 0) continue;
              candidates.push(o);
            } else if (mark[o] !== want) continue;
            mark[o] = done;
            tokVal[o] = -1;
          }
          const field = code & 7;
          const v = weights[field] ?? 0;
          if (v > (tokVal[o] ?? 0)) {
            tokVal[o] = v;
            tokField[o] = field;
            tokPart[o] = part;
          }
        }
      };
      for (const id of step.ids) {
        const weights = id === step.exactId ? exactWeights : prefixWeights;
        scan(primary[id], weights);
        if (step.allowText || id === step.exactId) scan(text[id], weights);
      }
      let kept = 0;
      for (let c = 0; c < candidates.length; c++) {
        const o = candidates[c] ?? 0;
        if (mark[o] !== done) continue;
        const v = tokVal[o] ?? 0;
        if (j === 0 || v < (worstVal[o] ?? 0)) {
          worstVal[o] = v;
          worstField[o] = tokField[o] ?? 0;
          worstPart[o] = tokPart[o] ?? 0;
        }
        acc[o] = j === 0 ? v : (acc[o] ?? 0) + v;
        candidates[kept++] = o;
      }
      candidates.length = kept;
      if (kept === 0) return none;
    }
    const count = candidates.length;
    const out: Matches = { owners: Int32Array.from(candidates), scores: new Int32Array(count), fields: new Uint8Array(count), parts: new Int32Array(count), count };
    for (let c = 0; c < count; c++) {
      const o = out.owners[c] ?? 0;
      out.scores[c] = acc[o] ?? 0;
      out.fields[c] = worstField[o] ?? 0;
      out.parts[c] = worstPart[o] ?? 0;
    }
    candidates = [];
    return out;
  };

  const query = (input: string, options: SearchQueryOptions): SearchResult => {
    const readings = parseQuery(input);
    const queryTerms = [...new Set(readings.flat().map((t) => t.text))];
    const totalsByType = emptyTotals();
    if (readings.length === 0) return { hits: [], total: 0, totalsByType, terms: queryTerms };
    if (pending.length > pendingTermLimit) flushTerms();
    const types = options.types ?? searchTypes;
    const typeMask = types.reduce((mask, t) => mask | (1 << searchTypes.indexOf(t)), 0);
    const matches = mergeReadings(readings.map((r) => evaluate(r, typeMask)));
    for (let c = 0; c < matches.count; c++) {
      const type = searchTypes[ownerType[matches.owners[c] ?? 0] ?? 0];
      if (type) totalsByType[type]++;
    }
    const hits: SearchHit[] = [];
    const sortKey = (owner: number): number => ownerSort[owner] ?? 0;
    const title = (owner: number): string => ownerDisplay[owner]?.title ?? '';
    for (const c of bestMatches(matches, Math.max(0, options.limit ?? defaultLimit), sortKey, title)) {
      const display = ownerDisplay[matches.owners[c] ?? 0];
      if (!display) continue;
      const field = matches.fields[c] ?? 0;
      const isJournal = field === commentCode || field === workNoteCode;
      hits.push({ ...display, matchedIn: searchFields[field] ?? 'title', matchedEntryId: isJournal ? (partId[matches.parts[c] ?? 0] ?? null) : null, snippet: null, score: matches.scores[c] ?? 0 });
    }
    return { hits, total: matches.count, totalsByType, terms: queryTerms };
  };

  return {
    upsert,
    remove,
    stampOf: (type, id) => {
      const part = parts[type].get(id);
      return part === undefined ? undefined : partStamp[part];
    },
    ids: (type) => [...parts[type].keys()],
    query,
    compact,
    flushTerms,
    stats: () => ({
      records: searchTypes.reduce((n, t) => n + parts[t].size, 0),
      journalEntries: parts.journalEntry.size,
      terms: terms.length,
      postings: livePostings,
      deadPostings,
    }),
  };
}
