/** Between API records (camelCase, ISO strings) and table rows (snake_case, jsonb, timestamptz). */
import { columnKind, type ColumnKind } from '../../shared/domain/entity';
import type { AnyEntityDef } from '../../shared/domain/records';

export function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export function camelCase(column: string): string {
  return column.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

const kindsCache = new WeakMap<AnyEntityDef, Map<string, ColumnKind>>();

/** Column kind of each field of a record type (cached: schemas never change at run time). */
export function fieldKinds(def: AnyEntityDef): Map<string, ColumnKind> {
  let kinds = kindsCache.get(def);
  if (!kinds) {
    kinds = new Map(Object.entries(def.fields).map(([k, s]) => [k, columnKind(s)]));
    kindsCache.set(def, kinds);
  }
  return kinds;
}

/** A value ready to bind as a parameter: jsonb as JSON text, everything else as is. */
export function toParam(kind: ColumnKind | undefined, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return kind === 'jsonb' ? JSON.stringify(value) : value;
}

export function toIso(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

/** A row as the API shows it. */
export function fromRow(def: AnyEntityDef, row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: row.id,
    orgId: row.org_id,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    rev: Number(row.rev),
  };
  for (const [field, kind] of fieldKinds(def)) {
    const value = row[snakeCase(field)];
    out[field] = kind === 'timestamptz' ? toIso(value) ?? null : value ?? null;
  }
  return out;
}
