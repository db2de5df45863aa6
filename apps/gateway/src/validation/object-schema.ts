import { z } from 'zod';

/** A contract's request schema as the object it is, to derive HTTP inputs from it (omit, shape). */
export function objectSchemaOf(schema: z.ZodType, name: string): z.ZodObject {
  if (!(schema instanceof z.ZodObject)) throw new Error(`${name}: expected an object schema`);
  return schema;
}
