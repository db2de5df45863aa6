import { Ajv2020 } from 'ajv/dist/2020.js';
import type { JsonSchema, OpenApiDocument } from './openapi-types.js';

const DOCUMENT_ID = 'https://gateway.fuzz/openapi.json';

/**
 * The document's schemas as a generic JSON Schema 2020-12 validator reads them
 * (Ajv; `format` an annotation, as the dialect of OpenAPI 3.1 has it, so the
 * patterns zod writes beside its formats carry the rules): the oracle of what
 * the document allows, independent of the gateway's own validation.
 */
export class DocumentValidator {
  private readonly ajv = new Ajv2020({ strict: true, allErrors: true, validateFormats: false });
  private readonly compiled = new Map<string, ReturnType<Ajv2020['compile']>>();

  constructor(document: OpenApiDocument) {
    // The OpenAPI keywords around the schemas are annotations to Ajv; $refs point into components.schemas.
    for (const keyword of ['openapi', 'info', 'jsonSchemaDialect', 'tags', 'security', 'paths', 'components', 'example']) this.ajv.addKeyword(keyword);
    this.ajv.addSchema({ ...document, $id: DOCUMENT_ID });
  }

  /** Where `value` breaks `schema`, as body paths (`items.0.quantity`, `body` for the root); empty when it is allowed. */
  violations(schema: JsonSchema, value: unknown): string[] {
    const key = JSON.stringify(schema);
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile({ $id: `https://gateway.fuzz/check-${this.compiled.size}`, ...rebase(schema) });
      this.compiled.set(key, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((error) => {
      const missing = error.keyword === 'required' ? `/${String(error.params.missingProperty)}` : '';
      return (error.instancePath + missing).split('/').filter(Boolean).join('.') || 'body';
    });
  }
}

/** A schema whose local $refs point into the document added above. */
function rebase(schema: JsonSchema): JsonSchema {
  return JSON.parse(JSON.stringify(schema).replaceAll('"$ref":"#/', `"$ref":"${DOCUMENT_ID}#/`)) as JsonSchema;
}
