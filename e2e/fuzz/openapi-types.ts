/** The parts of the gateway's OpenAPI 3.1 document the fuzzer reads (as served at /openapi.json). */
export type JsonSchema = { [keyword: string]: unknown };

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'header' | 'query';
  required: boolean;
  schema: JsonSchema;
  example?: unknown;
}

export interface OpenApiOperation {
  operationId: string;
  /** Absent: the document's (a customer's token); `operatorKey` for the operators' operations. */
  security?: Record<string, string[]>[];
  parameters?: (OpenApiParameter | { $ref: string })[];
  requestBody?: { required: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { $ref: string } | { content?: Record<string, { schema: JsonSchema }> }>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: {
    schemas: Record<string, JsonSchema>;
    parameters: Record<string, OpenApiParameter>;
    responses: Record<string, { content?: Record<string, { schema: JsonSchema }> }>;
  };
}

/** One documented operation: `POST /orders/{id}/cancel`. */
export interface Operation {
  method: string;
  /** The path template, `/orders/{id}/cancel`. */
  path: string;
  operationId: string;
  parameters: OpenApiParameter[];
  /** The schema of its JSON body, when it takes one. */
  body?: { schema: JsonSchema; required: boolean };
  /** Every status the document gives it (not `default`). */
  statuses: number[];
}

/** Every operation of the document, parameters resolved. */
export function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]): Operation => {
      const body = operation.requestBody?.content['application/json'];
      return {
        method: method.toUpperCase(),
        path,
        operationId: operation.operationId,
        parameters: (operation.parameters ?? []).map((parameter) =>
          '$ref' in parameter ? document.components.parameters[parameter.$ref.split('/').at(-1)!]! : parameter,
        ),
        ...(body && { body: { schema: body.schema, required: operation.requestBody!.required } }),
        statuses: Object.keys(operation.responses).filter((status) => /^\d{3}$/.test(status)).map(Number),
      };
    }),
  );
}
