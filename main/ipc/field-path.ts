/**
 * The part of a zod issue's path that names fields of the schema: object keys
 * the schema declares and array positions. It stops at anything the caller
 * chose, such as a record's key (a role group's DN), so a refusal never
 * repeats text the caller sent.
 */
import { z } from 'zod';

export function fieldPath(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  const named: string[] = [];
  let at: z.ZodType | undefined = schema;
  for (const segment of path) {
    at = objectHolding(unwrapped(at), segment);
    if (at instanceof z.ZodArray && typeof segment === 'number') {
      named.push(String(segment));
      at = at.element as z.ZodType;
    } else if (at instanceof z.ZodObject && typeof segment === 'string' && Object.hasOwn(at.shape, segment)) {
      named.push(segment);
      at = at.shape[segment] as z.ZodType;
    } else {
      break;
    }
  }
  return named;
}

/** The schema under optional, nullable, default and a transform's input. */
export function unwrapped(schema: z.ZodType): z.ZodType {
  let at = schema;
  for (;;) {
    if (at instanceof z.ZodOptional || at instanceof z.ZodNullable || at instanceof z.ZodDefault) at = at.unwrap() as z.ZodType;
    else if (at instanceof z.ZodPipe) at = at.in as z.ZodType;
    else return at;
  }
}

/** Of a union, the object option that declares `key` (a discriminated request's variant); anything else as it is. */
function objectHolding(schema: z.ZodType, key: PropertyKey): z.ZodType {
  if (!(schema instanceof z.ZodUnion)) return schema;
  const options = (schema.options as z.ZodType[]).map(unwrapped);
  return options.find((o) => o instanceof z.ZodObject && typeof key === 'string' && Object.hasOwn(o.shape, key)) ?? schema;
}
