// Inputs for a zod schema, through its JSON Schema: values the schema describes, and near-valid
// ones a single mutation away from such a value (a key dropped or added, a wrong type, a number
// just out of range, a hostile string).
import fc from 'fast-check';
import { z } from 'zod';
import { hostileString } from './hostile-strings';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  enum?: Json[];
  const?: Json;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

/** Strings worth trying in any string field besides random ones: known ids and names, say. */
export interface Hints {
  strings: readonly string[];
}

const maxCollection = 4;

/** The JSON Schema of what a zod schema accepts as input. */
export function inputJsonSchema(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

/** Values of the schema (refinements aside, which JSON Schema cannot say). */
export function validArbitrary(schema: JsonSchema, hints: Hints): fc.Arbitrary<Json> {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => validArbitrary(s, hints)));
  if (schema.allOf?.[0]) return validArbitrary(schema.allOf[0], hints);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);

  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object':
      return objectArbitrary(schema, hints);
    case 'array':
      return fc.array(validArbitrary(schema.items ?? {}, hints), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? maxCollection, maxCollection),
      });
    case 'string':
      return stringArbitrary(schema, hints);
    case 'integer':
      return fc.integer({
        min: Math.max(schema.minimum ?? -1_000_000, Number.MIN_SAFE_INTEGER),
        max: Math.min(schema.maximum ?? 1_000_000_000, Number.MAX_SAFE_INTEGER),
      });
    case 'number':
      return fc.double({
        min: schema.minimum ?? schema.exclusiveMinimum ?? -1e6,
        max: schema.maximum ?? schema.exclusiveMaximum ?? 1e9,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>;
  }
}

function objectArbitrary(schema: JsonSchema, hints: Hints): fc.Arbitrary<Json> {
  const properties = schema.properties ?? {};
  const model: Record<string, fc.Arbitrary<Json>> = {};
  for (const [key, property] of Object.entries(properties)) {
    model[key] = validArbitrary(property, hints);
  }
  const fixed = fc.record(model, { requiredKeys: schema.required ?? [] });
  if (typeof schema.additionalProperties !== 'object') return fixed;

  const keys = schema.propertyNames
    ? stringArbitrary(schema.propertyNames, hints)
    : fc.string({ maxLength: 12 });
  return fc
    .tuple(
      fixed,
      fc.dictionary(keys, validArbitrary(schema.additionalProperties, hints), {
        maxKeys: maxCollection,
        noNullPrototype: true,
      }),
    )
    .map(([known, more]) => ({ ...more, ...known }));
}

function stringArbitrary(schema: JsonSchema, hints: Hints): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? 200, 200);
  const fits = (text: string): boolean => text.length >= min && text.length <= max;
  const patterned = schema.pattern
    ? fc.stringMatching(new RegExp(schema.pattern)).filter(fits)
    : fc.string({ minLength: min, maxLength: max });
  const fromHints = hints.strings.filter(fits);
  const hostile = hostileString.filter(fits);
  return fc.oneof(
    { arbitrary: patterned, weight: 4 },
    { arbitrary: fromHints.length > 0 ? fc.constantFrom(...fromHints) : patterned, weight: 3 },
    { arbitrary: schema.pattern ? patterned : hostile, weight: 2 },
  );
}

type PathStep = string | number;

/** Every place in a value a mutation can touch, the value itself included. */
function pathsOf(value: unknown, prefix: PathStep[] = []): PathStep[][] {
  const paths: PathStep[][] = [prefix];
  if (Array.isArray(value)) {
    value.forEach((item, index) => paths.push(...pathsOf(item, [...prefix, index])));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, [...prefix, key]));
  }
  return paths;
}

type Mutation =
  | { kind: 'delete' }
  | { kind: 'set'; value: unknown }
  | { kind: 'add'; key: string; value: unknown };

const oddValues: unknown[] = [
  null,
  true,
  0,
  -1,
  -0,
  0.5,
  1.5,
  2 ** 31,
  2 ** 53 + 2,
  1e308,
  -1e308,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  '',
  ' ',
  [],
  {},
  [null],
  { id: null },
  // What Electron's structured clone carries besides JSON.
  10n,
  new Date(0),
  new Map([[1, 2]]),
  new Set([1]),
  new Uint8Array(2),
  Object.assign(Object.create(null) as object, { id: 'x' }),
];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constant<Mutation>({ kind: 'delete' }),
  fc.constantFrom(...oddValues).map((value): Mutation => ({ kind: 'set', value })),
  hostileString.map((value): Mutation => ({ kind: 'set', value })),
  fc.jsonValue({ maxDepth: 2 }).map((value): Mutation => ({ kind: 'set', value })),
  fc
    .tuple(
      fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'extra', 'id'),
      fc.constantFrom<unknown>({ polluted: true }, 'x', 1, null),
    )
    .map(([key, value]): Mutation => ({ kind: 'add', key, value })),
);

/** Out-of-range numbers and too-long strings, read from the schema at the mutated place. */
function boundaryValues(schema: JsonSchema): unknown[] {
  const values: unknown[] = [];
  if (schema.minimum !== undefined) values.push(schema.minimum - 1, schema.minimum - 0.5);
  if (schema.maximum !== undefined) values.push(schema.maximum + 1, schema.maximum + 0.5);
  if (schema.maxLength !== undefined) values.push('z'.repeat(schema.maxLength + 1));
  if (schema.minLength !== undefined && schema.minLength > 0) {
    values.push('z'.repeat(schema.minLength - 1));
  }
  if (schema.maxItems !== undefined) values.push(new Array<null>(schema.maxItems + 1).fill(null));
  return values;
}

function schemaAt(schema: JsonSchema, path: PathStep[]): JsonSchema {
  let current: JsonSchema = schema;
  for (const step of path) {
    const alternatives = current.anyOf ?? current.oneOf;
    if (alternatives?.[0]) current = alternatives.find((s) => s.type === 'object') ?? current;
    if (typeof step === 'number') current = current.items ?? {};
    else if (current.properties?.[step]) current = current.properties[step];
    else if (typeof current.additionalProperties === 'object') {
      current = current.additionalProperties;
    } else return {};
  }
  return current;
}

// JSON.parse makes "__proto__" an own key; a plain assignment would set the prototype instead.
function setOwn(target: Record<PathStep, unknown>, key: PathStep, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true });
}

function applyMutation(value: Json, path: PathStep[], change: Mutation): unknown {
  const copy = structuredClone(value) as unknown;
  if (path.length === 0) {
    if (change.kind === 'delete') return undefined;
    if (change.kind === 'set') return change.value;
  }
  let parent = copy as Record<PathStep, unknown>;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<PathStep, unknown>;
  const last = path.at(-1);
  if (change.kind === 'add') {
    const target = last === undefined ? parent : parent[last];
    if (typeof target === 'object' && target !== null) {
      setOwn(target as Record<PathStep, unknown>, change.key, change.value);
    }
    return copy;
  }
  if (last === undefined) return copy;
  if (change.kind === 'delete' && !Array.isArray(parent)) {
    Reflect.deleteProperty(parent, last);
  } else {
    setOwn(parent, last, change.kind === 'set' ? change.value : undefined);
  }
  return copy;
}

/** Values one mutation away from a value of the schema. */
export function nearValidArbitrary(schema: JsonSchema, hints: Hints): fc.Arbitrary<unknown> {
  return validArbitrary(schema, hints).chain((value) => {
    const paths = pathsOf(value);
    return fc.tuple(fc.constantFrom(...paths), fc.nat()).chain(([path, pick]) => {
      const boundaries = boundaryValues(schemaAt(schema, path));
      const change: fc.Arbitrary<Mutation> =
        boundaries.length > 0 && pick % 3 === 0
          ? fc.constantFrom(...boundaries).map((v): Mutation => ({ kind: 'set', value: v }))
          : mutation;
      return change.map((c) => applyMutation(value, path, c));
    });
  });
}

/** Anything a caller could send at all: any JSON, and what Electron's structured clone carries. */
export const anyInput: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.anything({
    maxDepth: 3,
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withSparseArray: true,
    withNullPrototype: true,
  }),
);
