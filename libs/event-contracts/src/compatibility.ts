import {
  describeLower,
  describeUpper,
  isStricterLower,
  isStricterUpper,
  lowerBound,
  upperBound,
} from './compatibility/bounds.js';
import { itemsPath, propertyPath, ROOT_PATH } from './compatibility/json-path.js';
import { STORABLE_TEXT } from './fields/text.js';
import {
  asObject,
  isJsonSchema,
  resolveRef,
  sameJson,
  type JsonSchema,
  type JsonSchemaObject,
} from './compatibility/json-schema.js';

export type { JsonSchema, JsonSchemaObject } from './compatibility/json-schema.js';

/**
 * Compatibility of a published schema version. Consumers of a version must
 * keep working and every event already written must still validate, so the
 * new schema may only accept more: anything it would refuse that the old one
 * accepted (or any property it drops) is a breaking change.
 */
export interface BreakingChange {
  /** The published schema's name (ce_type or topic), when comparing catalogs. */
  schema?: string;
  /** JSONPath of the changed spot in the data, e.g. `$.items[].quantity`. */
  path: string;
  message: string;
}

export function formatBreakingChange(change: BreakingChange): string {
  return `${change.schema ? `${change.schema} ` : ''}${change.path}: ${change.message}`;
}

/** Breaking changes from `previous` to `next`; empty when `next` is a compatible evolution. */
export function findBreakingChanges(previous: JsonSchema, next: JsonSchema): BreakingChange[] {
  return new SchemaComparison(asObject(previous), asObject(next)).compare(previous, next, ROOT_PATH);
}

/** Compares two catalogs of named schemas; a name that disappeared is breaking, a new name is not. */
export function findBreakingChangesInCatalog(
  previous: Readonly<Record<string, JsonSchema>>,
  next: Readonly<Record<string, JsonSchema>>,
): BreakingChange[] {
  return Object.entries(previous).flatMap(([schema, previousSchema]): BreakingChange[] => {
    const nextSchema = next[schema];
    if (nextSchema === undefined) {
      return [{ schema, path: ROOT_PATH, message: 'removed; published versions must stay' }];
    }
    return findBreakingChanges(previousSchema, nextSchema).map((change) => ({ schema, ...change }));
  });
}

/** Keywords that document and never change what validates. */
const ANNOTATIONS = new Set([
  '$schema', '$id', '$anchor', '$comment', '$defs', 'definitions', 'title', 'description', 'examples', 'default',
  'deprecated', 'readOnly', 'writeOnly', 'contentMediaType',
]);

const ANALYSED = new Set([
  '$ref', 'type', 'enum', 'const', 'format', 'pattern', 'minimum', 'exclusiveMinimum', 'maximum', 'exclusiveMaximum',
  'minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties', 'multipleOf', 'uniqueItems',
  'properties', 'required', 'additionalProperties', 'propertyNames', 'items', 'prefixItems', 'anyOf', 'oneOf',
  'allOf', 'not',
]);

const LOWER_COUNTS = ['minLength', 'minItems', 'minProperties'] as const;
const UPPER_COUNTS = ['maxLength', 'maxItems', 'maxProperties'] as const;

class SchemaComparison {
  private readonly inProgress = new Map<object, Set<object>>();

  constructor(
    private readonly previousRoot: JsonSchemaObject,
    private readonly nextRoot: JsonSchemaObject,
  ) {}

  compare(previousRaw: JsonSchema, nextRaw: JsonSchema, path: string): BreakingChange[] {
    const previousObject = asObject(previousRaw);
    const nextObject = asObject(nextRaw);
    // Recursive schemas: a pair already being compared higher up adds nothing new.
    const seen = this.inProgress.get(previousObject) ?? new Set<object>();
    if (seen.has(nextObject)) return [];
    seen.add(nextObject);
    this.inProgress.set(previousObject, seen);
    try {
      const previous = resolveRef(previousObject, this.previousRoot);
      const next = resolveRef(nextObject, this.nextRoot);
      if (alternativesOf(previous) || alternativesOf(next)) return this.compareAlternatives(previous, next, path);
      return this.compareSingle(previous, next, path);
    } finally {
      seen.delete(nextObject);
    }
  }

  /** anyOf / oneOf: every alternative the old schema accepted must still be accepted by one of the new ones. */
  private compareAlternatives(previous: JsonSchemaObject, next: JsonSchemaObject, path: string): BreakingChange[] {
    const previousAlternatives = alternativesOf(previous) ?? [previous];
    const nextAlternatives = alternativesOf(next) ?? [next];
    return previousAlternatives.flatMap((alternative, index) => {
      const discriminator = discriminatorOf(alternative);
      const alternativePath =
        previousAlternatives.length === 1
          ? path
          : discriminator
            ? `${path}[${discriminator.property}=${JSON.stringify(discriminator.value)}]`
            : `${path}.anyOf[${index}]`;
      if (discriminator) {
        const counterpart = nextAlternatives.find((candidate) =>
          sameJson(discriminatorValue(candidate, discriminator.property), discriminator.value),
        );
        if (!counterpart) return [{ path: alternativePath, message: 'alternative removed' }];
        return this.compare(alternative, counterpart, alternativePath);
      }
      const attempts = nextAlternatives.map((candidate) => this.compare(alternative, candidate, alternativePath));
      if (attempts.some((changes) => changes.length === 0)) return [];
      return attempts.reduce((fewest, changes) => (changes.length < fewest.length ? changes : fewest));
    });
  }

  private compareSingle(previous: JsonSchemaObject, next: JsonSchemaObject, path: string): BreakingChange[] {
    const typeChange = compareTypes(previous, next, path);
    // A different type makes every finer difference noise.
    if (typeChange) return [typeChange];
    return [
      ...compareAllowedValues(previous, next, path),
      ...compareStringRules(previous, next, path),
      ...compareNumericBounds(previous, next, path),
      ...compareCounts(previous, next, path),
      ...compareMultipleOf(previous, next, path),
      ...compareUniqueItems(previous, next, path),
      ...this.compareProperties(previous, next, path),
      ...this.compareAdditionalProperties(previous, next, path),
      ...this.compareSubschema(previous.propertyNames, next.propertyNames, `${path}{keys}`),
      ...this.compareItems(previous, next, path),
      ...this.compareAllOf(previous, next, path),
      ...compareNot(previous, next, path),
      ...compareUnknownKeywords(previous, next, path),
    ];
  }

  private compareProperties(previous: JsonSchemaObject, next: JsonSchemaObject, path: string): BreakingChange[] {
    const previousProperties = schemaMap(previous.properties);
    const nextProperties = schemaMap(next.properties);
    const previousRequired = new Set(stringList(previous.required));
    const changes: BreakingChange[] = [];
    for (const [name, previousProperty] of Object.entries(previousProperties)) {
      const nextProperty = nextProperties[name];
      if (nextProperty === undefined) {
        changes.push({ path: propertyPath(path, name), message: 'property removed' });
      } else {
        changes.push(...this.compare(previousProperty, nextProperty, propertyPath(path, name)));
      }
    }
    for (const name of stringList(next.required)) {
      if (previousRequired.has(name)) continue;
      const message = name in previousProperties ? 'optional property became required' : 'required property added';
      changes.push({ path: propertyPath(path, name), message });
    }
    return changes;
  }

  private compareAdditionalProperties(previous: JsonSchemaObject, next: JsonSchemaObject, path: string) {
    if (previous.additionalProperties === false) return [];
    if (next.additionalProperties === false) {
      return [{ path, message: 'no longer accepts additional properties' }];
    }
    return this.compareSubschema(previous.additionalProperties, next.additionalProperties, `${path}.*`);
  }

  private compareItems(previous: JsonSchemaObject, next: JsonSchemaObject, path: string): BreakingChange[] {
    const nextPrefix = Array.isArray(next.prefixItems) ? next.prefixItems.filter(isJsonSchema) : [];
    const previousPrefix = Array.isArray(previous.prefixItems) ? previous.prefixItems : [];
    const prefixChanges = nextPrefix.flatMap((item, index) =>
      this.compare(asSchema(previousPrefix[index] ?? previous.items), item, `${path}[${index}]`),
    );
    return [...prefixChanges, ...this.compareSubschema(previous.items, next.items, itemsPath(path))];
  }

  private compareAllOf(previous: JsonSchemaObject, next: JsonSchemaObject, path: string): BreakingChange[] {
    if (!Array.isArray(next.allOf)) return [];
    const previousAllOf = Array.isArray(previous.allOf) ? previous.allOf : [];
    return next.allOf
      .filter(isJsonSchema)
      .flatMap((part, index) => this.compare(asSchema(previousAllOf[index]), part, `${path}.allOf[${index}]`));
  }

  /** A subschema that is absent accepts anything, so adding one is compared as a narrowing of `{}`. */
  private compareSubschema(previous: unknown, next: unknown, path: string): BreakingChange[] {
    if (!isJsonSchema(next)) return [];
    return this.compare(asSchema(previous), next, path);
  }
}

function asSchema(value: unknown): JsonSchema {
  return isJsonSchema(value) ? value : {};
}

function alternativesOf(schema: JsonSchemaObject): JsonSchemaObject[] | undefined {
  const alternatives = [schema.anyOf, schema.oneOf].find(Array.isArray);
  if (!alternatives) return undefined;
  const { anyOf: _anyOf, oneOf: _oneOf, ...siblings } = schema;
  // Keywords beside anyOf apply to every alternative.
  return alternatives.filter(isJsonSchema).map((alternative) => ({ ...siblings, ...asObject(alternative) }));
}

/** The first property with a `const`, e.g. `ok: true`: how alternatives of a discriminated union pair up. */
function discriminatorOf(schema: JsonSchemaObject): { property: string; value: unknown } | undefined {
  for (const property of Object.keys(schemaMap(schema.properties))) {
    const value = discriminatorValue(schema, property);
    if (value !== undefined) return { property, value };
  }
  return undefined;
}

function discriminatorValue(schema: JsonSchemaObject, property: string): unknown {
  const propertySchema = schemaMap(schema.properties)[property];
  return typeof propertySchema === 'object' ? propertySchema.const : undefined;
}

function schemaMap(value: unknown): Record<string, JsonSchema> {
  if (typeof value !== 'object' || value === null) return {};
  const entries = Object.entries(value).filter(([, schema]) => isJsonSchema(schema));
  return Object.fromEntries(entries) as Record<string, JsonSchema>;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function typesOf(schema: JsonSchemaObject): string[] | undefined {
  if (typeof schema.type === 'string') return [schema.type];
  return Array.isArray(schema.type) ? stringList(schema.type) : undefined;
}

function describeTypes(types: string[] | undefined): string {
  return types ? types.join(' | ') : 'any';
}

function compareTypes(previous: JsonSchemaObject, next: JsonSchemaObject, path: string): BreakingChange | undefined {
  const nextTypes = typesOf(next);
  if (!nextTypes) return undefined;
  const previousTypes = typesOf(previous);
  const accepted = (type: string) => nextTypes.includes(type) || (type === 'integer' && nextTypes.includes('number'));
  if (previousTypes && previousTypes.every(accepted)) return undefined;
  return { path, message: `type changed from ${describeTypes(previousTypes)} to ${describeTypes(nextTypes)}` };
}

function allowedValues(schema: JsonSchemaObject): unknown[] | undefined {
  if (schema.const !== undefined) return [schema.const];
  return Array.isArray(schema.enum) ? schema.enum : undefined;
}

function compareAllowedValues(previous: JsonSchemaObject, next: JsonSchemaObject, path: string): BreakingChange[] {
  const nextValues = allowedValues(next);
  if (!nextValues) return [];
  const previousValues = allowedValues(previous);
  if (!previousValues) return [{ path, message: `now restricted to ${nextValues.map(show).join(', ')}` }];
  const removed = previousValues.filter((value) => !nextValues.some((candidate) => sameJson(candidate, value)));
  return removed.length > 0 ? [{ path, message: `no longer allows ${removed.map(show).join(', ')}` }] : [];
}

/**
 * The storable-text pattern refuses only U+0000 and unpaired surrogates, which
 * PostgreSQL's text and jsonb refuse: every event was in its producer's outbox
 * (jsonb) before it was published, and a request carrying one failed in its
 * service at the database (or, as a query parameter, was read as U+FFFD: another
 * value). No message that worked carried one, so stating it narrows nothing.
 * e2e/infra/postgres-unstorable-text.spec.ts checks that premise.
 */
function addsOnlyTheStorableTextPattern(previous: JsonSchemaObject, next: JsonSchemaObject): boolean {
  return previous.pattern === undefined && next.pattern === STORABLE_TEXT.source;
}

function compareStringRules(previous: JsonSchemaObject, next: JsonSchemaObject, path: string): BreakingChange[] {
  return (['format', 'pattern'] as const).flatMap((keyword): BreakingChange[] => {
    if (next[keyword] === undefined || sameJson(previous[keyword], next[keyword])) return [];
    if (keyword === 'pattern' && addsOnlyTheStorableTextPattern(previous, next)) return [];
    const message =
      previous[keyword] === undefined
        ? `${keyword} ${show(next[keyword])} added`
        : `${keyword} changed from ${show(previous[keyword])} to ${show(next[keyword])}`;
    return [{ path, message }];
  });
}

function compareNumericBounds(previous: JsonSchemaObject, next: JsonSchemaObject, path: string): BreakingChange[] {
  const changes: BreakingChange[] = [];
  const [previousLower, nextLower] = [lowerBound(previous), lowerBound(next)];
  if (nextLower && (!previousLower || isStricterLower(nextLower, previousLower))) {
    const message = `minimum raised from ${describeLower(previousLower)} to ${describeLower(nextLower)}`;
    changes.push({ path, message });
  }
  const [previousUpper, nextUpper] = [upperBound(previous), upperBound(next)];
  if (nextUpper && (!previousUpper || isStricterUpper(nextUpper, previousUpper))) {
    const message = `maximum lowered from ${describeUpper(previousUpper)} to ${describeUpper(nextUpper)}`;
    changes.push({ path, message });
  }
  return changes;
}

function compareCounts(previous: JsonSchemaObject, next: JsonSchemaObject, path: string): BreakingChange[] {
  const changes: BreakingChange[] = [];
  for (const keyword of LOWER_COUNTS) {
    const [before, after] = [previous[keyword], next[keyword]];
    if (typeof after === 'number' && (typeof before !== 'number' || after > before)) {
      changes.push({ path, message: `${keyword} raised from ${before ?? 'none'} to ${after}` });
    }
  }
  for (const keyword of UPPER_COUNTS) {
    const [before, after] = [previous[keyword], next[keyword]];
    if (typeof after === 'number' && (typeof before !== 'number' || after < before)) {
      changes.push({ path, message: `${keyword} lowered from ${before ?? 'none'} to ${after}` });
    }
  }
  return changes;
}

function compareMultipleOf(previous: JsonSchemaObject, next: JsonSchemaObject, path: string): BreakingChange[] {
  const [before, after] = [previous.multipleOf, next.multipleOf];
  if (typeof after !== 'number') return [];
  // Every multiple of `before` is a multiple of `after` only when `after` divides `before`.
  if (typeof before === 'number' && Number.isInteger(before / after)) return [];
  return [{ path, message: `multipleOf changed from ${before ?? 'none'} to ${after}` }];
}

function compareUniqueItems(previous: JsonSchemaObject, next: JsonSchemaObject, path: string): BreakingChange[] {
  if (next.uniqueItems !== true || previous.uniqueItems === true) return [];
  return [{ path, message: 'items must now be unique' }];
}

function compareNot(previous: JsonSchemaObject, next: JsonSchemaObject, path: string): BreakingChange[] {
  if (next.not === undefined || sameJson(previous.not, next.not)) return [];
  return [{ path, message: 'new "not" constraint' }];
}

/** Keywords this checker does not analyse count as breaking when they change: it cannot prove otherwise. */
function compareUnknownKeywords(previous: JsonSchemaObject, next: JsonSchemaObject, path: string): BreakingChange[] {
  const keywords = new Set([...Object.keys(previous), ...Object.keys(next)]);
  return [...keywords]
    .filter((keyword) => !ANNOTATIONS.has(keyword) && !ANALYSED.has(keyword) && !keyword.startsWith('x-'))
    .filter((keyword) => !sameJson(previous[keyword], next[keyword]))
    .map((keyword) => ({ path, message: `keyword "${keyword}" changed (not analysed, so counted as breaking)` }));
}

function show(value: unknown): string {
  return JSON.stringify(value);
}
