/** A JSON Schema (draft 2020-12) as plain data. */
export type JsonSchema = boolean | JsonSchemaObject;

export interface JsonSchemaObject {
  readonly [keyword: string]: unknown;
}

/** `true` accepts everything and `false` nothing; as objects they compare like any other schema. */
export function asObject(schema: JsonSchema): JsonSchemaObject {
  if (schema === true) return {};
  if (schema === false) return { not: {} };
  return schema;
}

export function isJsonSchema(value: unknown): value is JsonSchema {
  return typeof value === 'boolean' || (typeof value === 'object' && value !== null && !Array.isArray(value));
}

/** Follows local `$ref`s (`#/$defs/...`) against the root the schema came from. */
export function resolveRef(schema: JsonSchemaObject, root: JsonSchemaObject): JsonSchemaObject {
  let current = schema;
  for (let hops = 0; typeof current.$ref === 'string' && hops < 32; hops += 1) {
    const { $ref, ...siblings } = current;
    const target = pointer(root, $ref as string);
    current = { ...asObject(target), ...siblings };
  }
  return current;
}

function pointer(root: JsonSchemaObject, ref: string): JsonSchema {
  if (!ref.startsWith('#')) throw new Error(`only local $ref is supported, got ${ref}`);
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    const segment = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    node = (node as Record<string, unknown> | undefined)?.[segment];
  }
  if (!isJsonSchema(node)) throw new Error(`$ref ${ref} does not point at a schema`);
  return node;
}

export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
