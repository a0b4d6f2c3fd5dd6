// The subset of JSON Schema (draft-07) the catalog uses, typed read-only so catalog data
// shared by the API and the web app cannot be mutated by accident.

export type JsonSchemaType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

export type JsonPrimitive = string | number | boolean | null;

export interface JsonSchema {
  readonly $schema?: string;
  readonly $id?: string;
  readonly $ref?: string;
  readonly type?: JsonSchemaType | readonly JsonSchemaType[];
  readonly title?: string;
  readonly description?: string;
  readonly properties?: { readonly [name: string]: JsonSchema };
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly items?: JsonSchema;
  readonly uniqueItems?: boolean;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly format?: string;
  readonly enum?: readonly JsonPrimitive[];
  readonly const?: unknown;
  readonly default?: unknown;
  readonly examples?: readonly unknown[];
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly multipleOf?: number;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly allOf?: readonly JsonSchema[];
  readonly definitions?: { readonly [name: string]: JsonSchema };
  readonly 'x-record-key'?: string;
  // Other keywords (vendor extensions, annotations) are allowed and ignored by our helpers.
  readonly [keyword: string]: unknown;
}

/**
 * The keyword naming the property that identifies a record. Two records in one submission
 * with the same value are refused: evidence would otherwise be double-counted.
 */
export const RECORD_KEY_KEYWORD = 'x-record-key';

/** A schema for ONE record of a monitoring context: always an object with a record key. */
export interface RecordSchema extends JsonSchema {
  readonly type: 'object';
  readonly title: string;
  readonly description: string;
  readonly properties: { readonly [name: string]: JsonSchema };
  readonly required: readonly string[];
  readonly 'x-record-key': string;
}

/** The property that identifies a record, or null when the schema declares none. */
export function recordKeyOf(schema: JsonSchema): string | null {
  const key = schema[RECORD_KEY_KEYWORD];
  return typeof key === 'string' && key.length > 0 ? key : null;
}
