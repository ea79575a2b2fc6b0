import { describe, expect, it } from 'vitest';
import { fold, identifierTerms, parseQuery, phoneTerms, snippet, words } from './tokenize';

describe('tokenising', () => {
  it('lower-cases and splits on everything but letters and digits', () => {
    expect(words('Pothole on MAIN St. (near #42)')).toEqual(['pothole', 'on', 'main', 'st', 'near', '42']);
    expect(words('ana.lopez@mail.example')).toEqual(['ana', 'lopez', 'mail', 'example']);
    expect(words('  ')).toEqual([]);
  });

  it('folds accents and ligatures so a name is found however it is typed', () => {
    expect(fold('Élodie Müller-Łukasz')).toBe('elodie muller-lukasz');
    expect(words('Straße Æsir Œuvre São')).toEqual(['strasse', 'aesir', 'oeuvre', 'sao']);
    expect(words('Ñandú 北京')).toEqual(['nandu', '北京']);
  });

  it('gives identifiers their numeric tail with and without leading zeros', () => {
    expect(identifierTerms('CS0001234').sort()).toEqual(['1234', 'cs0001234']);
    expect(identifierTerms('ACC10042').sort()).toEqual(['10042', 'acc10042']);
    expect(identifierTerms('CS0000000')).toEqual(['cs0000000']);
    expect(identifierTerms('SN-77 A')).toEqual(['sn', '77', 'a']);
  });

  it('gives phone numbers their groups, their digits, local and national forms', () => {
    const terms = phoneTerms('+61 3 9555 0101');
    for (const t of ['61', '3', '9555', '0101', '395550101', '95550101', '0395550101']) expect(terms).toContain(t);
    const block = phoneTerms('0395550101');
    expect(block).toContain('0395550101');
    expect(block).toContain('95550101');
    expect(phoneTerms('+61395550101')).toContain('0395550101');
  });
});

describe('reading a query', () => {
  it('keeps each word once and marks short ones', () => {
    expect(parseQuery('Leak leak in K')).toEqual([
      [
        { text: 'leak', isShort: false },
        { text: 'in', isShort: true },
        { text: 'k', isShort: true },
      ],
    ]);
    expect(parseQuery(' ,; ')).toEqual([]);
  });

  it('reads a phone-like query also as its digits alone', () => {
    expect(parseQuery('03 9555 0101')).toEqual([
      [
        { text: '03', isShort: true },
        { text: '9555', isShort: false },
        { text: '0101', isShort: false },
      ],
      [{ text: '0395550101', isShort: false }],
    ]);
    expect(parseQuery('1234')).toEqual([[{ text: '1234', isShort: false }]]);
    expect(parseQuery('+61395550101').map((r) => r.map((t) => t.text))).toEqual([['61395550101'], ['01395550101'], ['0395550101'], ['095550101']]);
    expect(parseQuery('0001234').map((r) => r.map((t) => t.text))).toEqual([['0001234'], ['1234']]);
  });

  it('keeps at most eight terms, the one being typed among them', () => {
    const reading = parseQuery('a b c d e f g h i j')[0] ?? [];
    expect(reading.map((t) => t.text)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'j']);
  });
});

describe('excerpts', () => {
  it('cuts around the first word starting with a term, accents folded', () => {
    const text = `${'Lorem ipsum dolor sit amet. '.repeat(6)}The compteur électrique was replaced on site. ${'More words follow here. '.repeat(5)}`;
    const excerpt = snippet(text, ['electrique'], 60);
    expect(excerpt).toContain('électrique');
    expect(excerpt.startsWith('…')).toBe(true);
    expect(excerpt.endsWith('…')).toBe(true);
    expect(excerpt.length).toBeLessThanOrEqual(62);
  });

  it('keeps a short text whole and starts at the beginning when nothing matches', () => {
    expect(snippet('  short  text ', ['x'], 60)).toBe('short text');
    expect(snippet('a'.repeat(100), ['zzz'], 10)).toBe(`${'a'.repeat(10)}…`);
  });
});
