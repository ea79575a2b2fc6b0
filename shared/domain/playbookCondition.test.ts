import { describe, expect, it } from 'vitest';
import { conditionPaths, conditionSchema, describeCondition, evaluate, type Condition, type Lookup } from './playbookCondition';

/** A condition as an author writes it, with the schema's defaults applied. */
const cond = (c: unknown): Condition => conditionSchema.parse(c);

/** A lookup over fixed values; a path that is not listed is unknown (undefined). */
const lookupOf =
  (values: Record<string, unknown>): Lookup =>
  (path) =>
    Object.prototype.hasOwnProperty.call(values, path) ? values[path] : undefined;

/** One comparison of `actual` (at case.x) against `value`. */
const check = (actual: unknown, op: string, value?: unknown): boolean | null => evaluate(cond(value === undefined ? { field: 'case.x', op } : { field: 'case.x', op, value }), lookupOf({ 'case.x': actual }));

type Row = [actual: unknown, value: unknown, expected: boolean];

describe('playbook condition operators', () => {
  const table: Record<string, Row[]> = {
    eq: [
      [5, 5, true],
      [5, 6, false],
      [5, '5', false],
      ['a', 'a', true],
      ['a', 'A', false],
      [true, true, true],
      [false, true, false],
      [false, false, true],
      [null, null, true],
      ['', null, true],
      [null, 0, false],
      [0, null, false],
      [false, null, false],
    ],
    ne: [
      [5, 6, true],
      [5, 5, false],
      ['a', 'b', true],
      ['a', 'a', false],
      [true, false, true],
      [true, true, false],
      [null, null, false],
      ['', null, false],
      [null, 'x', true],
      [0, null, true],
    ],
    in: [
      [2, [1, 2], true],
      [3, [1, 2], false],
      ['2', [1, 2], false],
      ['b', ['a', 'b'], true],
      ['c', ['a', 'b'], false],
      [true, [true], true],
      [false, [true], false],
      [null, [null, 'x'], true],
      [null, ['x'], false],
    ],
    notIn: [
      [3, [1, 2], true],
      [2, [1, 2], false],
      ['c', ['a', 'b'], true],
      ['a', ['a', 'b'], false],
      [false, [false], false],
      [true, [false], true],
      [null, ['x'], true],
      [null, [null], false],
    ],
    gt: [
      [5, 4, true],
      [4, 4, false],
      [3, 4, false],
      ['b', 'a', true],
      ['a', 'a', false],
      ['2026-12-01', '2026-11-30', true],
      [5, '4', false],
      [true, false, false],
      [null, 0, false],
      ['', '', false],
    ],
    gte: [
      [5, 4, true],
      [4, 4, true],
      [3, 4, false],
      ['a', 'a', true],
      ['a', 'b', false],
      [4, '4', false],
      [true, true, false],
      [null, null, false],
    ],
    lt: [
      [3, 4, true],
      [4, 4, false],
      [5, 4, false],
      ['a', 'b', true],
      ['b', 'a', false],
      [-1, 0, true],
      [false, true, false],
      [null, 1, false],
      ['', 'a', false],
    ],
    lte: [
      [4, 4, true],
      [3, 4, true],
      [5, 4, false],
      [0, 0, true],
      ['b', 'b', true],
      ['c', 'b', false],
      ['1', 2, false],
      [null, 0, false],
      ['', '', false],
    ],
  };

  for (const [op, rows] of Object.entries(table)) {
    it(`${op}: numbers, strings, booleans and null`, () => {
      for (const [actual, value, expected] of rows) {
        expect({ actual, op, value, result: check(actual, op, value) }).toEqual({ actual, op, value, result: expected });
      }
    });
  }

  it('set: anything but null or an empty string, including 0 and false', () => {
    const rows: [unknown, boolean][] = [
      [0, true],
      [7, true],
      [false, true],
      [true, true],
      ['x', true],
      ['', false],
      [null, false],
    ];
    for (const [actual, expected] of rows) expect({ actual, result: check(actual, 'set') }).toEqual({ actual, result: expected });
  });

  it('empty: null or an empty string, but not 0 or false', () => {
    const rows: [unknown, boolean][] = [
      [null, true],
      ['', true],
      [0, false],
      [false, false],
      ['x', false],
    ];
    for (const [actual, expected] of rows) expect({ actual, result: check(actual, 'empty') }).toEqual({ actual, result: expected });
  });

  it('every operator is unknown (null) when its path is not known yet', () => {
    const unknown = lookupOf({});
    const values: Record<string, unknown> = { eq: 1, ne: 1, in: [1], notIn: [1], gt: 1, gte: 1, lt: 1, lte: 1, set: undefined, empty: undefined };
    for (const [op, value] of Object.entries(values)) {
      const c = cond(value === undefined ? { field: 'outcome.review', op } : { field: 'outcome.review', op, value });
      expect({ op, result: evaluate(c, unknown) }).toEqual({ op, result: null });
    }
  });

  it('defaults the operator to eq', () => {
    const c = cond({ field: 'case.priority', value: 2 });
    expect(c).toEqual({ field: 'case.priority', op: 'eq', value: 2 });
    expect(evaluate(c, lookupOf({ 'case.priority': 2 }))).toBe(true);
    expect(evaluate(c, lookupOf({ 'case.priority': 3 }))).toBe(false);
  });

  it('reads the path it names and no other', () => {
    const seen: string[] = [];
    const c = cond({ all: [{ field: 'case.customFields.meterSerial', op: 'set' }, { field: 'answers.intake.amount', op: 'gt', value: 10 }] });
    evaluate(c, (p) => {
      seen.push(p);
      return p === 'answers.intake.amount' ? 11 : 'NSM-1';
    });
    expect(seen).toEqual(['case.customFields.meterSerial', 'answers.intake.amount']);
  });
});

describe('playbook condition logic (Kleene)', () => {
  const T = { field: 'case.t', value: true };
  const F = { field: 'case.f', value: true };
  const U = { field: 'outcome.later', value: 'done' };
  const lookup = lookupOf({ 'case.t': true, 'case.f': false });
  const run = (c: unknown) => evaluate(cond(c), lookup);

  it('has true, false and unknown leaves', () => {
    expect([run(T), run(F), run(U)]).toEqual([true, false, null]);
  });

  it('all: false wins over unknown, unknown over true', () => {
    expect(run({ all: [T, T] })).toBe(true);
    expect(run({ all: [T, F] })).toBe(false);
    expect(run({ all: [F, U] })).toBe(false);
    expect(run({ all: [U, F] })).toBe(false);
    expect(run({ all: [T, U] })).toBeNull();
    expect(run({ all: [U, U] })).toBeNull();
    expect(run({ all: [T] })).toBe(true);
  });

  it('any: true wins over unknown, unknown over false', () => {
    expect(run({ any: [F, F] })).toBe(false);
    expect(run({ any: [T, F] })).toBe(true);
    expect(run({ any: [U, T] })).toBe(true);
    expect(run({ any: [T, U] })).toBe(true);
    expect(run({ any: [F, U] })).toBeNull();
    expect(run({ any: [U, U] })).toBeNull();
    expect(run({ any: [F] })).toBe(false);
  });

  it('not: flips true and false, keeps unknown', () => {
    expect(run({ not: T })).toBe(false);
    expect(run({ not: F })).toBe(true);
    expect(run({ not: U })).toBeNull();
    expect(run({ not: { not: F } })).toBe(false);
  });

  it('nests', () => {
    expect(run({ not: { all: [T, { any: [F, U] }] } })).toBeNull();
    expect(run({ all: [{ not: F }, { any: [U, T] }] })).toBe(true);
    expect(run({ any: [{ all: [T, F] }, { not: { any: [F, F] } }] })).toBe(true);
    expect(run({ all: [{ not: { all: [U, F] } }, { any: [T, U] }] })).toBe(true);
  });
});

describe('playbook condition schema', () => {
  const issues = (c: unknown) => {
    const result = conditionSchema.safeParse(c);
    return result.success ? [] : result.error.issues.map((i) => ({ path: i.path, message: i.message }));
  };

  it('accepts comparisons on every path form and the combinators', () => {
    for (const field of ['case.priority', 'case.customFields.meterSerial', 'answers.intake.amount', 'outcome.merit_review']) expect(issues({ field, value: 1 })).toEqual([]);
    expect(issues({ any: [{ field: 'case.priority', op: 'in', value: [1, 2] }, { not: { field: 'case.description', op: 'empty' } }] })).toEqual([]);
  });

  it('refuses in / notIn without a list', () => {
    expect(issues({ field: 'case.priority', op: 'in', value: 1 })).toEqual([{ path: ['value'], message: '"in" takes a list of values' }]);
    expect(issues({ field: 'case.priority', op: 'notIn', value: 'x' })).toEqual([{ path: ['value'], message: '"notIn" takes a list of values' }]);
    expect(issues({ field: 'case.priority', op: 'in' })).toEqual([
      { path: ['value'], message: '"in" takes a list of values' },
      { path: ['value'], message: '"in" needs a value' },
    ]);
  });

  it('refuses a list for a single-value operator', () => {
    expect(issues({ field: 'case.priority', op: 'gt', value: [1, 2] })).toEqual([{ path: ['value'], message: '"gt" takes a single value' }]);
  });

  it('refuses eq (and the other comparisons) without a value, but not set / empty', () => {
    expect(issues({ field: 'case.priority', op: 'eq' })).toEqual([{ path: ['value'], message: '"eq" needs a value' }]);
    expect(issues({ field: 'case.priority' })).toEqual([{ path: ['value'], message: '"eq" needs a value' }]);
    expect(issues({ field: 'case.priority', op: 'lte' })).toEqual([{ path: ['value'], message: '"lte" needs a value' }]);
    expect(issues({ field: 'case.priority', op: 'set' })).toEqual([]);
    expect(issues({ field: 'case.priority', op: 'empty' })).toEqual([]);
  });

  it('refuses a bad path at field', () => {
    const message = 'must be case.<field>, case.customFields.<key>, answers.<activity>.<field> or outcome.<activity>';
    for (const field of ['priority', 'case.', 'answers.intake', 'outcome.Review', 'customer.name', 'case.customFields.a.b']) {
      expect({ field, issues: issues({ field, value: 1 }) }).toEqual({ field, issues: [{ path: ['field'], message }] });
    }
  });

  it('puts the bad part of a nested condition at its path', () => {
    expect(issues({ all: [{ field: 'case.priority', value: 1 }, { field: 'case.priority', op: 'in', value: 1 }] })).toEqual([{ path: ['all', 1, 'value'], message: '"in" takes a list of values' }]);
    expect(issues({ not: { any: [{ field: 'bad', value: 1 }] } })).toEqual([
      { path: ['not', 'any', 0, 'field'], message: 'must be case.<field>, case.customFields.<key>, answers.<activity>.<field> or outcome.<activity>' },
    ]);
    expect(issues({ any: [{ field: 'case.priority', value: 1 }, { all: [{ field: 'case.priority', op: 'gt' }] }] })).toEqual([{ path: ['any', 1, 'all', 0, 'value'], message: '"gt" needs a value' }]);
  });

  it('refuses an empty all / any, an unknown operator and unknown keys', () => {
    expect(conditionSchema.safeParse({ all: [] }).success).toBe(false);
    expect(conditionSchema.safeParse({ any: [] }).success).toBe(false);
    expect(conditionSchema.safeParse({ field: 'case.priority', op: 'like', value: 'x' }).success).toBe(false);
    expect(conditionSchema.safeParse({ field: 'case.priority', value: 1, extra: true }).success).toBe(false);
    expect(conditionSchema.safeParse({ field: 'case.priority', value: { nested: 1 } }).success).toBe(false);
  });
});

describe('conditionPaths', () => {
  it('lists a comparison’s path at field', () => {
    expect(conditionPaths(cond({ field: 'case.priority', value: 1 }))).toEqual([{ path: 'case.priority', at: ['field'] }]);
  });

  it('lists every path of a nested condition with where it sits, after a prefix', () => {
    const c = cond({
      all: [{ field: 'case.priority', value: 1 }, { any: [{ field: 'outcome.review', value: 'approved' }, { not: { field: 'answers.intake.amount', op: 'gt', value: 5 } }] }],
    });
    expect(conditionPaths(c, ['runIf'])).toEqual([
      { path: 'case.priority', at: ['runIf', 'all', 0, 'field'] },
      { path: 'outcome.review', at: ['runIf', 'all', 1, 'any', 0, 'field'] },
      { path: 'answers.intake.amount', at: ['runIf', 'all', 1, 'any', 1, 'not', 'field'] },
    ]);
  });
});

describe('describeCondition', () => {
  it('puts a condition in words', () => {
    expect(describeCondition(cond({ field: 'case.priority', value: 1 }))).toBe('case.priority = 1');
    expect(describeCondition(cond({ all: [{ field: 'outcome.review', op: 'in', value: ['approved', 'skipped'] }, { not: { field: 'case.description', op: 'empty' } }] }))).toBe(
      'outcome.review in approved, skipped and not (case.description is empty)',
    );
    expect(describeCondition(cond({ any: [{ field: 'case.priority', op: 'lte', value: 2 }, { field: 'case.customFields.urgent', value: true }] }))).toBe('(case.priority ≤ 2 or case.customFields.urgent = true)');
  });
});
