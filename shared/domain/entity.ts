/**
 * The one way a record type is declared: its fields once, from which the stored record schema,
 * the create body and the patch body are derived. Server, forms and (later) the sync engine all
 * validate with these, so a field's rules live in exactly one place.
 */
import { z } from 'zod';

/** Every record id is a client- or server-made UUID string, so records can be created offline. */
export const idSchema = z.guid({ message: 'must be a UUID' });
export const isoDateTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' });
export const isoDate = z.iso.date({ message: 'must be an ISO date (YYYY-MM-DD)' });

/** Metadata attached to a reference field: which record type it points at. */
export type RefMeta = { ref: string; onDelete: 'restrict' | 'cascade' | 'setNull' };

/** A reference to another record; `onDelete` decides what the store does when the target goes. */
export function ref(target: string, onDelete: RefMeta['onDelete'] = 'restrict'): z.ZodGUID {
  return idSchema.meta({ ref: target, onDelete });
}

/** An optional field: absent on create means null, null clears it on patch. */
export function opt<T extends z.ZodType>(schema: T): z.ZodDefault<z.ZodNullable<T>> {
  return schema.nullable().default(null);
}

/** Text with a bounded length, trimmed, never empty. */
export function text(max: number): z.ZodString {
  return z.string().trim().min(1, { message: 'must not be empty' }).max(max, { message: `must be at most ${max} characters` });
}

/** Fields the store sets; clients never send them in a body. */
export const systemShape = {
  id: idSchema,
  orgId: ref('organization'),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  /** Position of the record's last write in the store's global change sequence. */
  rev: z.number().int().nonnegative(),
};
export const systemFields = ['id', 'orgId', 'createdAt', 'updatedAt', 'rev'] as const;

type Fields = Record<string, z.ZodType>;
type SystemShape = typeof systemShape;

export type EntityDef<T extends string, F extends Fields, Tb extends string = string> = {
  readonly type: T;
  /** SQL table name (snake_case, plural). */
  readonly table: Tb;
  readonly fields: F;
  /** A stored record as the API returns it. */
  readonly record: z.ZodObject<SystemShape & F, z.core.$strict>;
  /** A create body: optional `id`, required fields, optional fields default to null / their default. */
  readonly create: z.ZodObject<{ id: z.ZodOptional<z.ZodGUID> } & F, z.core.$strict>;
  /** A patch body: any subset of the fields; defaults are not applied. */
  readonly patch: z.ZodType<Partial<z.output<z.ZodObject<F>>>>;
};

function withoutDefault(schema: z.ZodType): z.ZodType {
  // Every schema in this code base is a classic zod schema, so the unwrapped inner one is too.
  return schema instanceof z.ZodDefault ? withoutDefault(schema.unwrap() as z.ZodType) : schema;
}

/** A patch body for `fields`: any non-empty subset, unknown keys refused, defaults never applied. */
export function patchSchema<F extends Fields>(fields: F): z.ZodType<Partial<z.output<z.ZodObject<F>>>> {
  const patchShape: Record<string, z.ZodType> = {};
  for (const [key, schema] of Object.entries(fields)) patchShape[key] = withoutDefault(schema).optional();
  return z
    .strictObject(patchShape)
    .refine((value) => Object.keys(value).length > 0, { message: 'must change at least one field' })
    // The runtime object has exactly F's keys made optional; zod cannot express that mapping itself.
    .transform((value) => value as Partial<z.output<z.ZodObject<F>>>);
}

/** `fields` without the named keys. */
export function omitFields<F extends Fields, K extends keyof F & string>(fields: F, keys: readonly K[]): Omit<F, K> {
  const out: Record<string, z.ZodType> = {};
  for (const [key, schema] of Object.entries(fields)) if (!(keys as readonly string[]).includes(key)) out[key] = schema;
  // Exactly F's entries minus K, built above.
  return out as Omit<F, K>;
}

export function defineEntity<const T extends string, const Tb extends string, F extends Fields>(type: T, table: Tb, fields: F): EntityDef<T, F, Tb> {
  return {
    type,
    table,
    fields,
    record: z.strictObject({ ...systemShape, ...fields }),
    create: z.strictObject({ id: idSchema.optional(), ...fields }),
    patch: patchSchema(fields),
  };
}

export type RecordOf<D> = D extends EntityDef<string, infer F> ? z.output<z.ZodObject<SystemShape & F>> : never;
export type CreateOf<D> = D extends EntityDef<string, infer F> ? z.input<z.ZodObject<{ id: z.ZodOptional<z.ZodGUID> } & F>> : never;

/** Unwraps defaults, nullables and optionals to the field's base schema. */
export function baseSchema(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodNullable || schema instanceof z.ZodOptional) {
    return baseSchema(schema.unwrap() as z.ZodType);
  }
  return schema;
}

export function refOf(schema: z.ZodType): RefMeta | undefined {
  const meta = z.globalRegistry.get(baseSchema(schema));
  if (meta && typeof meta.ref === 'string') {
    const onDelete = meta.onDelete === 'cascade' || meta.onDelete === 'setNull' ? meta.onDelete : 'restrict';
    return { ref: meta.ref, onDelete };
  }
  return undefined;
}

/** How a field is stored: scalar columns, or jsonb for arrays and objects. */
export type ColumnKind = 'text' | 'integer' | 'double precision' | 'boolean' | 'timestamptz' | 'date' | 'jsonb' | 'uuid';

export function columnKind(schema: z.ZodType): ColumnKind {
  const base = baseSchema(schema);
  if (refOf(base) || base instanceof z.ZodGUID) return 'uuid';
  if (base instanceof z.ZodISODateTime) return 'timestamptz';
  if (base instanceof z.ZodISODate) return 'date';
  switch (base.def.type) {
    case 'string':
    case 'enum':
    case 'literal':
      return 'text';
    case 'boolean':
      return 'boolean';
    case 'number':
      return base instanceof z.ZodNumber && (base.format === 'safeint' || base.format === 'int32') ? 'integer' : 'double precision';
    default:
      return 'jsonb';
  }
}

export function isNullableField(schema: z.ZodType): boolean {
  return schema.safeParse(null).success;
}
