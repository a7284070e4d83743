import fc from 'fast-check';
import type { z } from 'zod';

/** The parts of a zod 4 definition this walker reads (the documented `_zod.def` of each schema). */
type Def = {
  readonly type: string;
  readonly checks?: readonly { readonly _zod: { readonly def: Record<string, unknown> } }[];
  readonly format?: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly element?: z.ZodType;
  readonly keyType?: z.ZodType;
  readonly valueType?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly innerType?: z.ZodType;
  readonly in?: z.ZodType;
  readonly out?: z.ZodType;
  readonly entries?: Record<string, string | number>;
  readonly values?: readonly unknown[];
  readonly left?: z.ZodType;
  readonly right?: z.ZodType;
};

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

function check(def: Def, name: string): Record<string, unknown> | undefined {
  return def.checks?.map((item) => item._zod.def).find((item) => item.check === name);
}

/** Formats whose pattern bounds their length. */
const boundedFormats = new Set(['uuid', 'date', 'datetime', 'time']);

/**
 * Every place in an input schema that takes unbounded input: a string or array without a
 * maximum, a record without a check on its size. Each is named by its path.
 */
export function unboundedParts(schema: z.ZodType, path = '$'): string[] {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return check(def, 'max_length') || boundedFormats.has(def.format ?? '') ? [] : [path];
    case 'array':
      return [...(check(def, 'max_length') ? [] : [path]), ...unboundedParts(def.element as z.ZodType, `${path}[]`)];
    case 'record':
      return [
        ...((def.checks?.length ?? 0) > 0 ? [] : [path]),
        ...unboundedParts(def.keyType as z.ZodType, `${path}{key}`),
        ...unboundedParts(def.valueType as z.ZodType, `${path}{}`),
      ];
    case 'object':
      return Object.entries(def.shape ?? {}).flatMap(([key, value]) => unboundedParts(value, `${path}.${key}`));
    case 'union':
      return (def.options ?? []).flatMap((option, index) => unboundedParts(option, `${path}|${index}`));
    case 'default':
    case 'nullable':
    case 'optional':
    case 'prefault':
      return unboundedParts(def.innerType as z.ZodType, path);
    case 'pipe':
      return unboundedParts(def.in as z.ZodType, path);
    default:
      return [];
  }
}

/** Strings that pass a string schema's own checks often enough to reach the handlers. */
function stringArbitrary(def: Def, ids: readonly string[]): fc.Arbitrary<string> {
  const max = Number(check(def, 'max_length')?.maximum ?? 300);
  const min = Number(check(def, 'min_length')?.minimum ?? 0);
  switch (def.format) {
    case 'uuid':
      return ids.length > 0 ? fc.oneof(fc.constantFrom(...ids), fc.uuid()) : fc.uuid();
    case 'date':
      return fc.date({ noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10));
    case 'datetime':
      return fc.date({ noInvalidDate: true }).map((date) => date.toISOString());
    case 'email':
      return fc.emailAddress();
    default:
      return fc.oneof(
        { weight: 4, arbitrary: fc.string({ minLength: min, maxLength: Math.min(max, 20) }) },
        { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: min, maxLength: Math.min(max, 20) }) },
        // At the limit and one past it, where the limit is small enough to build such a string.
        {
          weight: 1,
          arbitrary: fc
            .constantFrom(max, max + 1)
            .map((length) => 'x'.repeat(Math.min(Math.max(min, length), 100_000))),
        },
      );
  }
}

function numberArbitrary(def: Def): fc.Arbitrary<number> {
  const minimum = check(def, 'greater_than')?.value;
  const maximum = check(def, 'less_than')?.value;
  const min = typeof minimum === 'number' ? Math.max(minimum, -1e6) : -1e6;
  const max = typeof maximum === 'number' ? Math.min(maximum, 1e6) : 1e6;
  const integer = check(def, 'number_format') !== undefined;
  return integer
    ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
    : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

/**
 * Inputs shaped by a zod input schema: mostly what it accepts, ids drawn from `ids` (records that
 * exist) or fresh, so that calls reach deep into the handlers. `overrides` replace the values of
 * fields by name, where the schema alone would allow too much work for a test.
 */
export function arbitraryFor(
  schema: z.ZodType,
  ids: readonly string[],
  overrides: Readonly<Record<string, fc.Arbitrary<unknown>>> = {},
): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const recurse = (inner: z.ZodType) => arbitraryFor(inner, ids, overrides);
  switch (def.type) {
    case 'string':
      return stringArbitrary(def, ids);
    case 'number':
      return numberArbitrary(def);
    case 'boolean':
      return fc.boolean();
    case 'literal':
      return fc.constantFrom(...(def.values ?? [null]));
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries ?? {}));
    case 'array': {
      const max = Number(check(def, 'max_length')?.maximum ?? 5);
      return fc.array(recurse(def.element as z.ZodType), { maxLength: Math.min(max, 5) });
    }
    case 'record':
      return fc.dictionary(
        recurse(def.keyType as z.ZodType) as fc.Arbitrary<string>,
        recurse(def.valueType as z.ZodType),
        { maxKeys: 4 },
      );
    case 'object': {
      const fields = Object.entries(def.shape ?? {}).map(([key, value]) => [key, overrides[key] ?? recurse(value)]);
      return fc.record(Object.fromEntries(fields) as Record<string, fc.Arbitrary<unknown>>, {
        requiredKeys: Object.entries(def.shape ?? {})
          .filter(([, value]) => !['default', 'optional', 'prefault'].includes(defOf(value).type))
          .map(([key]) => key),
      });
    }
    case 'union':
      return fc.oneof(...(def.options ?? []).map(recurse));
    case 'nullable':
      return fc.option(recurse(def.innerType as z.ZodType), { nil: null });
    case 'default':
    case 'optional':
    case 'prefault':
      return recurse(def.innerType as z.ZodType);
    case 'pipe':
      return recurse(def.in as z.ZodType);
    default:
      return fc.anything();
  }
}
