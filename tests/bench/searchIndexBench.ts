/**
 * `npx tsx tests/bench/searchIndexBench.ts [--cases N --people N --notes N]`: a sanity check of the
 * pure search index (renderer/search/searchIndex.ts) at workstation scale. Builds it from synthetic
 * cases with realistic text, people and comments/work notes, then times 20 typed queries (each run
 * several times; p50/p95 over all runs). Not the end-to-end benchmark: no worker, no IndexedDB.
 * Node runs without V8's pointer compression, so the heap is larger than in Chromium. The last
 * line is one JSON object.
 */
import { parseArgs } from 'node:util';
import { firstNames, lastNames, streets, suburbs } from '../../server/seed/names';
import { toSearchDocument, type DocumentContext } from '../../renderer/search/searchDocuments';
import { createSearchIndex } from '../../renderer/search/searchIndex';

const { values } = parseArgs({ options: { cases: { type: 'string', default: '100000' }, people: { type: 'string', default: '50000' }, notes: { type: 'string', default: '300000' }, runs: { type: 'string', default: '5' } } });
const caseCount = Number(values.cases);
const peopleCount = Number(values.people);
const noteCount = Number(values.notes);
const runs = Number(values.runs);

// A deterministic generator (mulberry32), so every run indexes the same text.
let seed = 42;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

// Case-work English: frequent function words, a domain vocabulary, and a long tail of rarer words
// (made-up but word-like) drawn with a Zipf-like skew, as real notes are.
const common = 'the a to and of was in on for is at with customer called said has been will not by from this they it an as be no we re phone email site today back'.split(' ');
const domain = 'meter leak water pothole streetlight bin collection missed repair replaced inspected valve pipe road footpath graffiti noise complaint permit application benefit payment bill invoice credit refund outage power supply connection fault broken damaged urgent follow up callback technician crew depot scheduled visit resident owner tenant property kitchen bathroom driveway gate fence tree branch drain flooding sewer odour council rates licence renewal inspection approval rejected escalated supervisor manager reference number account balance overdue plan agreed hardship'.split(' ');
const syllables = 'ka lo mi ra ne to sa vi de pu lan ber tor mex qui sol dar fen gri hul'.split(' ');
const tail: string[] = [];
for (let i = 0; i < 20_000; i++) tail.push(Array.from({ length: int(2, 4) }, () => pick(syllables)).join(''));
function word(): string {
  const r = random();
  if (r < 0.45) return pick(common);
  if (r < 0.8) return pick(domain);
  return tail[Math.floor(tail.length * random() ** 3)] ?? 'x';
}
const sentence = (min: number, max: number): string => {
  const out = Array.from({ length: int(min, max) }, word);
  out[0] = `${out[0]?.charAt(0).toUpperCase() ?? ''}${out[0]?.slice(1) ?? ''}`;
  return `${out.join(' ')}.`;
};
const phone = (): string => `+61 ${pick(['2', '3', '7', '8'])} ${int(8000, 9999)} ${int(1000, 9999)}`;

const context: DocumentContext = { caseStateLabel: (_t, state) => state };
const index = createSearchIndex();
const at = (i: number): string => new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString();

const buildStart = performance.now();
for (let i = 0; i < peopleCount; i++) {
  const first = pick(firstNames);
  const last = pick(lastNames);
  const type = i % 5 === 0 ? 'contact' : 'consumer';
  const doc = toSearchDocument(type, { id: `p${i}`, rev: 1, updatedAt: at(i), firstName: first, lastName: last, email: `${first}.${last}${i}@mail.example`.toLowerCase(), phone: phone(), mobile: random() < 0.7 ? `+61 4${int(10, 99)} ${int(100, 999)} ${int(100, 999)}` : null, constituentNumber: type === 'consumer' ? `CN${String(i).padStart(6, '0')}` : null, accountId: 'a' }, context);
  if (doc) index.upsert(doc);
}
for (let i = 0; i < caseCount; i++) {
  const shortDescription = `${pick(domain)} ${pick(domain)} ${pick(['at', 'on', 'near'])} ${int(1, 300)} ${pick(streets)}, ${pick(suburbs)}`;
  const doc = toSearchDocument('case', { id: `c${i}`, rev: 1, updatedAt: at(i), number: `CS${String(i + 1).padStart(7, '0')}`, shortDescription, description: `${sentence(8, 20)} ${sentence(8, 30)} ${sentence(5, 20)}`, state: pick(['new', 'in_progress', 'resolved', 'closed']), caseTypeId: 'ct' }, context);
  if (doc) index.upsert(doc);
}
for (let i = 0; i < noteCount; i++) {
  const doc = toSearchDocument('journalEntry', { id: `j${i}`, rev: 1, updatedAt: at(i), caseId: `c${int(0, caseCount - 1)}`, kind: random() < 0.5 ? 'comment' : 'work_note', body: `${sentence(5, 25)} ${random() < 0.5 ? sentence(5, 20) : ''}` }, context);
  if (doc) index.upsert(doc);
}
index.flushTerms();
const buildMs = performance.now() - buildStart;
// The retained size needs a collection first: `node --expose-gc --import tsx tests/bench/searchIndexBench.ts`.
const isCollected = typeof global.gc === 'function';
global.gc?.();
const heapMb = process.memoryUsage().heapUsed / 1024 / 1024;
const stats = index.stats();

const queries = ['CS00512', '51234', 'smith', 'smi', 'ana lop', 'nguyen 04', '0412 3', '8123 45', 'meter', 'leak kit', 'the', 'pothole harbour st', 'wat', 'a', 'replaced valve', 'info', 'cn0012', 'jo', 'customer called back', 'broken streetlight near'];
const samples: number[] = [];
const perQuery: { query: string; ms: number; total: number }[] = [];
for (const q of queries) index.query(q, {}); // warm-up
for (const q of queries) {
  let worst = 0;
  let total = 0;
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    total = index.query(q, {}).total;
    const ms = performance.now() - t;
    samples.push(ms);
    worst = Math.max(worst, ms);
  }
  perQuery.push({ query: q, ms: Number(worst.toFixed(2)), total });
}
const sorted = [...samples].sort((a, b) => a - b);
const percentile = (p: number): number => Number((sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0).toFixed(2));

console.log(`indexed ${caseCount} cases, ${peopleCount} people, ${noteCount} journal entries in ${(buildMs / 1000).toFixed(1)} s; heap ${heapMb.toFixed(0)} MB ${isCollected ? 'after GC' : '(garbage included: run with --expose-gc for the retained size)'}; ${stats.terms} terms, ${stats.postings} postings`);
for (const q of perQuery) console.log(`  ${JSON.stringify(q.query).padEnd(28)} worst ${q.ms.toFixed(2).padStart(7)} ms  ${q.total} matches`);
console.log(`query p50 ${percentile(50)} ms, p95 ${percentile(95)} ms, max ${percentile(100)} ms over ${samples.length} runs`);
console.log(JSON.stringify({ buildMs: Math.round(buildMs), heapMb: Math.round(heapMb), isHeapCollected: isCollected, terms: stats.terms, postings: stats.postings, p50: percentile(50), p95: percentile(95), max: percentile(100) }));
