import { recordKeyOf, type JsonSchema } from '@gatehouse/schemas';

/** One line of the property table shown next to a record schema. */
export interface PropertyRow {
  /** Dotted path: `email`, `manager.id`, `role[]` for array items that are objects' fields. */
  readonly name: string;
  /** `string`, `array of string`, `integer | null`, … */
  readonly type: string;
  /** Format and constraints in short form: `email`, `one of: a, b`, `≥ 0`, `unique items`. */
  readonly format: string;
  readonly required: boolean;
  readonly description: string;
  /** Whether this field identifies a record (its value must be unique within a submission). */
  readonly recordKey: boolean;
  /** Nesting depth, 0 for top-level fields. */
  readonly depth: number;
}

const MAX_DEPTH = 6;

function typeLabel(schema: JsonSchema | undefined): string {
  if (!schema) return 'any';
  if (schema.type === 'array') return `array of ${typeLabel(schema.items)}`;
  if (Array.isArray(schema.type)) return schema.type.join(' | ');
  if (typeof schema.type === 'string') return schema.type;
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return variants.map(typeLabel).join(' | ');
  if (schema.enum) return 'enum';
  return 'any';
}

function constraints(schema: JsonSchema): string[] {
  const out: string[] = [];
  if (schema.format) out.push(schema.format);
  if (schema.enum) out.push(`one of: ${schema.enum.map((v) => String(v)).join(', ')}`);
  if (schema.const !== undefined) out.push(`always ${JSON.stringify(schema.const)}`);
  if (schema.minimum !== undefined) out.push(`≥ ${schema.minimum}`);
  if (schema.exclusiveMinimum !== undefined) out.push(`> ${schema.exclusiveMinimum}`);
  if (schema.maximum !== undefined) out.push(`≤ ${schema.maximum}`);
  if (schema.exclusiveMaximum !== undefined) out.push(`< ${schema.exclusiveMaximum}`);
  if (schema.minLength !== undefined) out.push(`min length ${schema.minLength}`);
  if (schema.maxLength !== undefined) out.push(`max length ${schema.maxLength}`);
  if (schema.pattern) out.push(`matches ${schema.pattern}`);
  if (schema.minItems !== undefined) out.push(`at least ${schema.minItems} items`);
  if (schema.maxItems !== undefined) out.push(`at most ${schema.maxItems} items`);
  if (schema.uniqueItems) out.push('unique items');
  // Items of a string array carry their own format or allowed values (e.g. MFA methods).
  if (schema.type === 'array' && schema.items && schema.items.type !== 'object') {
    const inner = constraints(schema.items).filter((c) => c !== 'unique items');
    if (inner.length > 0) out.push(`items: ${inner.join(', ')}`);
  }
  return out;
}

function collect(schema: JsonSchema, prefix: string, depth: number, recordKey: string | null, rows: PropertyRow[]): void {
  const required = new Set(schema.required ?? []);
  for (const [field, property] of Object.entries(schema.properties ?? {})) {
    const name = prefix ? `${prefix}.${field}` : field;
    rows.push({
      name,
      type: typeLabel(property),
      format: constraints(property).join('; '),
      required: required.has(field),
      description: property.description ?? '',
      recordKey: depth === 0 && field === recordKey,
      depth,
    });
    if (depth >= MAX_DEPTH) continue;
    if (property.type === 'object' && property.properties) collect(property, name, depth + 1, null, rows);
    if (property.type === 'array' && property.items?.type === 'object' && property.items.properties) {
      collect(property.items, `${name}[]`, depth + 1, null, rows);
    }
  }
}

/** The fields of a record schema as table rows, nested fields right after their parent. */
export function schemaPropertyRows(schema: JsonSchema): PropertyRow[] {
  const rows: PropertyRow[] = [];
  collect(schema, '', 0, recordKeyOf(schema), rows);
  return rows;
}

/** Required fields first in the schema's own order: what a reader needs to know first. */
export function requiredFieldNames(schema: JsonSchema): string[] {
  return schemaPropertyRows(schema)
    .filter((row) => row.depth === 0 && row.required)
    .map((row) => row.name);
}
