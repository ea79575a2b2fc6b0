/**
 * Conditions in playbooks: small JSON expressions over the case and over what earlier activities
 * produced. They are three-valued: reading the answer or outcome of an activity that has not
 * finished gives "unknown" (null), and the engine waits instead of guessing.
 *
 * Paths: case.<field>, case.customFields.<key>, answers.<activity>.<field>, outcome.<activity>
 * (a decision's branch key, an approval's approved / rejected, a task's completed / cancelled,
 * "done" for the other kinds, "skipped" when it was skipped).
 */
import { z } from 'zod';

const pathSchema = z
  .string()
  .regex(/^(case\.[a-zA-Z]+(\.[a-zA-Z][a-zA-Z0-9]*)?|answers\.[a-z][a-z0-9_]*\.[a-zA-Z][a-zA-Z0-9]*|outcome\.[a-z][a-z0-9_]*)$/, {
    message: 'must be case.<field>, case.customFields.<key>, answers.<activity>.<field> or outcome.<activity>',
  });
const scalar = z.union([z.string().max(400), z.number(), z.boolean(), z.null()]);

export const comparisonOps = ['eq', 'ne', 'in', 'notIn', 'gt', 'gte', 'lt', 'lte', 'set', 'empty'] as const;

const comparisonSchema = z
  .strictObject({ field: pathSchema, op: z.enum(comparisonOps).default('eq'), value: z.union([scalar, z.array(scalar).max(50)]).optional() })
  .superRefine((c, ctx) => {
    const isList = Array.isArray(c.value);
    if ((c.op === 'in' || c.op === 'notIn') && !isList) ctx.addIssue({ code: 'custom', path: ['value'], message: `"${c.op}" takes a list of values` });
    if (c.op !== 'in' && c.op !== 'notIn' && isList) ctx.addIssue({ code: 'custom', path: ['value'], message: `"${c.op}" takes a single value` });
    if (c.op !== 'set' && c.op !== 'empty' && c.value === undefined) ctx.addIssue({ code: 'custom', path: ['value'], message: `"${c.op}" needs a value` });
  });

export type Comparison = z.infer<typeof comparisonSchema>;
export type Condition = Comparison | { all: Condition[] } | { any: Condition[] } | { not: Condition };

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([comparisonSchema, z.strictObject({ all: z.array(conditionSchema).min(1).max(20) }), z.strictObject({ any: z.array(conditionSchema).min(1).max(20) }), z.strictObject({ not: conditionSchema })]),
);

/** Every path a condition reads, with where it sits inside the condition. */
export function conditionPaths(c: Condition, at: (string | number)[] = []): { path: string; at: (string | number)[] }[] {
  if ('all' in c) return c.all.flatMap((x, i) => conditionPaths(x, [...at, 'all', i]));
  if ('any' in c) return c.any.flatMap((x, i) => conditionPaths(x, [...at, 'any', i]));
  if ('not' in c) return conditionPaths(c.not, [...at, 'not']);
  return [{ path: c.field, at: [...at, 'field'] }];
}

/** Every comparison in a condition, with where it sits inside the condition. */
export function conditionComparisons(c: Condition, at: (string | number)[] = []): { comparison: Comparison; at: (string | number)[] }[] {
  if ('all' in c) return c.all.flatMap((x, i) => conditionComparisons(x, [...at, 'all', i]));
  if ('any' in c) return c.any.flatMap((x, i) => conditionComparisons(x, [...at, 'any', i]));
  if ('not' in c) return conditionComparisons(c.not, [...at, 'not']);
  return [{ comparison: c, at }];
}

/** The values a comparison tests for equality (eq, ne, in, notIn); none for the others. */
export function comparedValues(c: Comparison): unknown[] {
  if (c.op === 'eq' || c.op === 'ne') return [c.value];
  if (c.op === 'in' || c.op === 'notIn') return Array.isArray(c.value) ? c.value : [];
  return [];
}

/** A path's value, or `undefined` when it is not known yet. */
export type Lookup = (path: string) => unknown;

function compare(actual: unknown, op: Comparison['op'], expected: unknown): boolean {
  const isEmpty = actual === null || actual === undefined || actual === '';
  switch (op) {
    case 'set':
      return !isEmpty;
    case 'empty':
      return isEmpty;
    case 'eq':
      return actual === expected || (isEmpty && expected === null);
    case 'ne':
      return !(actual === expected || (isEmpty && expected === null));
    case 'in':
      return Array.isArray(expected) && expected.some((e) => e === actual);
    case 'notIn':
      return Array.isArray(expected) && !expected.some((e) => e === actual);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      if (isEmpty) return false;
      const comparable = (typeof actual === 'number' && typeof expected === 'number') || (typeof actual === 'string' && typeof expected === 'string');
      if (!comparable) return false;
      const a = actual as number | string;
      const e = expected as number | string;
      return op === 'gt' ? a > e : op === 'gte' ? a >= e : op === 'lt' ? a < e : a <= e;
    }
    default: {
      const exhaustive: never = op;
      return exhaustive;
    }
  }
}

/** true, false, or null when it depends on something not known yet (Kleene logic). */
export function evaluate(c: Condition, lookup: Lookup): boolean | null {
  if ('all' in c) {
    const values = c.all.map((x) => evaluate(x, lookup));
    return values.includes(false) ? false : values.includes(null) ? null : true;
  }
  if ('any' in c) {
    const values = c.any.map((x) => evaluate(x, lookup));
    return values.includes(true) ? true : values.includes(null) ? null : false;
  }
  if ('not' in c) {
    const value = evaluate(c.not, lookup);
    return value === null ? null : !value;
  }
  const actual = lookup(c.field);
  if (actual === undefined) return null;
  return compare(actual, c.op, c.value);
}

/** A condition as words, for cards ("priority = 1", "outcome of merit_review in approved, …"). */
export function describeCondition(c: Condition): string {
  if ('all' in c) return c.all.map(describeCondition).join(' and ');
  if ('any' in c) return `(${c.any.map(describeCondition).join(' or ')})`;
  if ('not' in c) return `not (${describeCondition(c.not)})`;
  const symbol = { eq: '=', ne: '≠', in: 'in', notIn: 'not in', gt: '>', gte: '≥', lt: '<', lte: '≤', set: 'is set', empty: 'is empty' }[c.op];
  const value = c.value === undefined ? '' : ` ${Array.isArray(c.value) ? c.value.map(String).join(', ') : String(c.value)}`;
  return `${c.field} ${symbol}${value}`;
}
