/**
 * How text becomes search terms, the same way for what is indexed and for what is typed: lower
 * case, accents folded (é → e, ß → ss), split on everything that is not a letter or a digit.
 * Identifiers (case, constituent and account numbers, serials) also yield their numeric tail, and
 * phone numbers their digit strings, so `1234` finds CS0001234 and `0395550101`, `9555 0101` or
 * `+61 3 9555` find the same person. Pure: no DOM, no Dexie.
 */

const combiningMarks = /\p{M}/gu;
/** Letters that NFD does not decompose but a person types without their mark. */
const ligatures: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', ł: 'l', þ: 'th', ı: 'i' };
const ligaturePattern = /[ßæœøđðłþı]/g;
const asciiSeparator = /[^a-z0-9]+/;
const unicodeSeparator = /[^\p{L}\p{N}]+/u;

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Lower case with accents and ligatures folded to plain letters. */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  if (isAscii(lower)) return lower;
  return lower.normalize('NFD').replace(combiningMarks, '').replace(ligaturePattern, (c) => ligatures[c] ?? c);
}

/** The words of a text, folded, in order (repeats kept). */
export function words(text: string): string[] {
  const folded = fold(text);
  const parts = folded.split(isAscii(folded) ? asciiSeparator : unicodeSeparator);
  return parts.filter((p) => p.length > 0);
}

const identifier = /^([a-z]+)(\d+)$/;

/**
 * Terms of an identifier such as CS0001234 or ACC10042: the whole, and for letters followed by
 * digits also the digits without leading zeros (1234), so the number's tail finds it. (A query
 * typed with the zeros, 0001234, is read without them too: see `parseQuery`.)
 */
export function identifierTerms(text: string): string[] {
  const out = new Set<string>();
  for (const word of words(text)) {
    out.add(word);
    const match = identifier.exec(word);
    const trimmed = match?.[2]?.replace(/^0+/, '');
    if (trimmed) out.add(trimmed);
  }
  return [...out];
}

/**
 * Terms of a phone number: its groups as written, its national form (+61 3 9555 0101 →
 * 0395550101; the digits themselves when written without a country code), and the digits from
 * each later group to the end (the local number typed without spaces). A number written as one
 * block also yields its last seven and eight digits.
 */
export function phoneTerms(text: string): string[] {
  const out = new Set(words(text));
  const groups = text.split(/\D+/).filter((g) => g.length > 0);
  const digits = groups.join('');
  if (digits.length < 3) return [...out];
  const isInternational = text.trim().startsWith('+');
  if (!isInternational) out.add(digits);
  else if (groups.length > 1) out.add(`0${groups.slice(1).join('')}`);
  // Written as one block: the country code is one to three digits; each reading is a candidate.
  else for (const national of nationalForms(digits)) out.add(national);
  for (let i = 1; i < groups.length; i++) {
    const rest = groups.slice(i).join('');
    if (rest.length >= 4) out.add(rest);
  }
  if (groups.length === 1 && digits.length > 8) {
    out.add(digits.slice(-8));
    out.add(digits.slice(-7));
  }
  return [...out];
}

/** The national forms an international number written as one block may have (its country code being 1 to 3 digits). */
function nationalForms(digits: string): string[] {
  const out: string[] = [];
  for (let cc = 1; cc <= 3 && cc < digits.length - 3; cc++) out.push(`0${digits.slice(cc)}`);
  return out;
}

/** A query term; short ones (under three characters) match only names, numbers and contact details by prefix. */
export type QueryTerm = { text: string; isShort: boolean };

export const maxQueryTerms = 8;
const phoneLike = /^[\s\d+().\-/]+$/;

/**
 * A typed query as alternative readings, each a list of terms that must all match (the last one
 * possibly still being typed); a record matching any reading is a result. A query that looks like
 * a phone number is also read as its digits alone (so `03 9555 0101` finds +61 3 9555 0101) and,
 * when it starts with +, as its national forms; a number with leading zeros (0001234) also without
 * them. No readings for a query with no words.
 */
export function parseQuery(text: string): QueryTerm[][] {
  const unique = [...new Set(words(text))];
  const kept = unique.length > maxQueryTerms ? [...unique.slice(0, maxQueryTerms - 1), unique[unique.length - 1] ?? ''] : unique;
  const term = (t: string): QueryTerm => ({ text: t, isShort: t.length < 3 });
  const readings = kept.length > 0 ? [kept.map(term)] : [];
  const alternatives = new Set<string>();
  if (phoneLike.test(text)) {
    const digits = text.replace(/\D/g, '');
    if (digits.length >= 3) alternatives.add(digits);
    if (digits.length >= 5 && text.trim().startsWith('+')) for (const national of nationalForms(digits)) alternatives.add(national);
  }
  if (kept.length === 1 && /^0+[1-9]\d{2,}$/.test(kept[0] ?? '')) alternatives.add((kept[0] ?? '').replace(/^0+/, ''));
  for (const alternative of alternatives) if (!(kept.length === 1 && kept[0] === alternative)) readings.push([term(alternative)]);
  return readings;
}

/** Folds a text keeping, for each folded character, the index of the character it came from. */
function foldWithOffsets(text: string): { folded: string; offsets: number[] } {
  let folded = '';
  const offsets: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const piece = fold(text.charAt(i));
    folded += piece;
    for (let k = 0; k < piece.length; k++) offsets.push(i);
  }
  return { folded, offsets };
}

/**
 * A short excerpt of `text` around the first word that starts with one of `terms` (folded), with an
 * ellipsis where it was cut; the start of the text when none is found.
 */
export function snippet(text: string, terms: readonly string[], maxLength: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= maxLength) return clean;
  const { folded, offsets } = foldWithOffsets(clean);
  let at = -1;
  for (const t of terms) {
    if (!t) continue;
    let from = 0;
    for (;;) {
      const i = folded.indexOf(t, from);
      if (i < 0) break;
      const before = i === 0 ? ' ' : folded.charAt(i - 1);
      if (!/[\p{L}\p{N}]/u.test(before)) {
        if (at < 0 || i < at) at = i;
        break;
      }
      from = i + 1;
    }
  }
  const hit = at < 0 ? 0 : (offsets[at] ?? 0);
  let start = Math.max(0, hit - Math.floor(maxLength / 3));
  const end = Math.min(clean.length, start + maxLength);
  start = Math.max(0, end - maxLength);
  return `${start > 0 ? '…' : ''}${clean.slice(start, end).trim()}${end < clean.length ? '…' : ''}`;
}
