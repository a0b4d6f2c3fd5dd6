// Generates example records that are valid against a schema and read like real evidence, so
// the "JSON sample" a customer copies is a working starting point rather than "string".
import { getContextSchema } from '../catalog/catalog.js';
import { recordKeyOf, type JsonPrimitive, type JsonSchema, type JsonSchemaType } from '../json-schema.js';
import {
  ID_PREFIXES,
  IDS_BY_SCHEMA_TITLE,
  LEAVER_STRINGS,
  NAMES_BY_SCHEMA_TITLE,
  PEOPLE,
  REFERENCE_PREFIXES,
  STRINGS_BY_NAME,
  type SamplePerson,
} from './sample-data.js';

export interface SampleOptions {
  /** Position of the record in a sample body: varies people and ids. Default 0. */
  readonly index?: number;
}

export interface SampleRequestBody {
  readonly data: Record<string, unknown>[];
}

interface Ctx {
  readonly root: JsonSchema;
  readonly index: number;
  readonly person: SamplePerson;
  /** '' for the first round of PEOPLE, then '2', '3', ... so generated emails stay distinct. */
  readonly suffix: string;
  readonly recordKey: string | null;
  readonly depth: number;
  /** Position inside an array being generated, so items of a uniqueItems array differ. */
  readonly variant: number;
}

// Fields that only exist once something has ended; an example of an active record without them
// is more realistic (and they are never required). The leaver among PEOPLE has the ones that
// end a person's employment or access.
const ONLY_WHEN_ENDED = /^(termination_date|terminated_at|resolved_at|revoked_at|deleted_at|offboarded_at|deprovisioned_at)$/;
const WHEN_PERSON_LEFT = /^(termination_date|terminated_at|offboarded_at|deprovisioned_at)$/;
// Booleans whose compliant value is false; everything else defaults to true (the compliant
// answer for "encrypted", "enabled", "signed", ...).
const FALSE_BOOLEANS = /^(is_admin|is_privileged|publicly_accessible|is_public|public|archived|customers_notified|remedial_training_assigned)$|^allows_/;
const MAX_DEPTH = 8;

function resolveSchema(schemaRef: JsonSchema | string): JsonSchema {
  if (typeof schemaRef !== 'string') return schemaRef;
  const schema = getContextSchema(schemaRef);
  if (!schema) throw new Error(`Unknown monitoring context "${schemaRef}"`);
  return schema;
}

/** One realistic record valid against the schema (or catalog context key). */
export function sampleRecord(schemaRef: JsonSchema | string, options: SampleOptions = {}): Record<string, unknown> {
  const root = resolveSchema(schemaRef);
  const index = Math.max(0, Math.floor(options.index ?? 0));
  const round = Math.floor(index / PEOPLE.length);
  const ctx: Ctx = {
    root,
    index,
    person: PEOPLE[index % PEOPLE.length]!,
    suffix: round === 0 ? '' : String(round + 1),
    recordKey: recordKeyOf(root),
    depth: 0,
    variant: 0,
  };
  return sampleValue(root, '', ctx) as Record<string, unknown>;
}

/**
 * A request body of `count` records with distinct record keys, as the endpoint expects. Three by
 * default, like the published examples: for people, the third has left.
 */
export function sampleRequestBody(schemaRef: JsonSchema | string, count = 3): SampleRequestBody {
  const schema = resolveSchema(schemaRef);
  const key = recordKeyOf(schema);
  const seen = new Set<unknown>();
  const data: Record<string, unknown>[] = [];
  for (let index = 0; index < count; index++) {
    const record = sampleRecord(schema, { index });
    if (key !== null && typeof record === 'object' && record !== null && key in record) {
      // Ids are already index-based; this only matters for keys drawn from short lists.
      let value = record[key];
      for (let attempt = 2; seen.has(value) && typeof value === 'string' && attempt < 1000; attempt++) {
        value = withSuffix(record[key] as string, attempt);
      }
      record[key] = value;
      seen.add(value);
    }
    data.push(record);
  }
  return { data };
}

function withSuffix(value: string, n: number): string {
  const at = value.indexOf('@');
  return at > 0 ? `${value.slice(0, at)}${n}${value.slice(at)}` : `${value}_${n}`;
}

// --- Schema walking -------------------------------------------------------------------------

function resolveRef(schema: JsonSchema, ctx: Ctx): JsonSchema {
  let current = schema;
  for (let hops = 0; typeof current.$ref === 'string' && hops < 10; hops++) {
    const match = /^#\/(definitions|\$defs)\/(.+)$/.exec(current.$ref);
    const defs = match ? (ctx.root[match[1]!] as Record<string, JsonSchema> | undefined) : undefined;
    const target = match && defs ? defs[decodeURIComponent(match[2]!)] : undefined;
    if (!target) return {};
    current = target;
  }
  if (current.allOf && current.allOf.length > 0) {
    // Good enough for the usual "base object + extra fields" composition.
    let merged: JsonSchema = { ...current, allOf: undefined };
    for (const part of current.allOf) {
      const resolved = resolveRef(part, ctx);
      merged = {
        ...merged,
        ...resolved,
        properties: { ...merged.properties, ...resolved.properties },
        required: [...(merged.required ?? []), ...(resolved.required ?? [])],
      };
    }
    return merged;
  }
  const options = current.anyOf ?? current.oneOf;
  if (options && options.length > 0) {
    const nonNull = options.find((o) => o.type !== 'null') ?? options[0]!;
    return resolveRef({ ...current, anyOf: undefined, oneOf: undefined, ...nonNull }, ctx);
  }
  return current;
}

function primaryType(schema: JsonSchema): JsonSchemaType | undefined {
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type as JsonSchemaType];
  const chosen = types.find((t) => t !== 'null') ?? types[0];
  if (chosen) return chosen;
  if (schema.properties || schema.required) return 'object';
  if (schema.items) return 'array';
  if (schema.format || schema.minLength !== undefined || schema.pattern) return 'string';
  if (schema.minimum !== undefined || schema.maximum !== undefined) return 'number';
  return undefined;
}

function sampleValue(input: JsonSchema, name: string, ctx: Ctx): unknown {
  const schema = resolveRef(input, ctx);
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[ctx.index % schema.examples.length];
  if (schema.default !== undefined) return schema.default;
  if (schema.enum && schema.enum.length > 0) {
    // The first value is the documented "normal" one; only record keys must vary per record.
    return name === ctx.recordKey && ctx.depth === 1 ? schema.enum[ctx.index % schema.enum.length] : schema.enum[0];
  }
  switch (primaryType(schema)) {
    case 'object':
      return sampleObject(schema, ctx);
    case 'array':
      return sampleArray(schema, name, ctx);
    case 'string':
      return sampleString(schema, name, ctx);
    case 'integer':
      return sampleNumber(schema, name, true, ctx.variant);
    case 'number':
      return sampleNumber(schema, name, false, ctx.variant);
    case 'boolean':
      if (name === 'is_admin') return ctx.person.isAdmin;
      return !FALSE_BOOLEANS.test(name);
    case 'null':
      return null;
    default:
      return sampleString(schema, name, ctx);
  }
}

function sampleObject(schema: JsonSchema, ctx: Ctx): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  if (ctx.depth >= MAX_DEPTH) return record;
  const inner: Ctx = { ...ctx, depth: ctx.depth + 1 };
  const required = new Set(schema.required ?? []);
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const ended = ctx.person.leftAt !== undefined && WHEN_PERSON_LEFT.test(name);
    if (!required.has(name) && ONLY_WHEN_ENDED.test(name) && !ended) continue;
    record[name] = sampleValue(property, name, inner);
  }
  for (const name of required) {
    if (!(name in record)) record[name] = sampleValue(additionalSchema(schema), name, inner);
  }
  // Maps such as `tags` have no declared properties, only a value schema.
  if (Object.keys(record).length === 0 && typeof schema.additionalProperties === 'object') {
    const valueSchema = schema.additionalProperties;
    const entries: [string, string][] = [
      ['environment', 'production'],
      ['owner', 'platform-team'],
    ];
    for (const [key, preferred] of entries) {
      const hinted = primaryType(valueSchema) === 'string' && fits(preferred, valueSchema);
      record[key] = hinted ? preferred : sampleValue(valueSchema, key, inner);
    }
  }
  return record;
}

function additionalSchema(schema: JsonSchema): JsonSchema {
  return typeof schema.additionalProperties === 'object' ? schema.additionalProperties : {};
}

const ARRAYS_BY_NAME: Readonly<Record<string, readonly string[]>> = {
  approved_by: ['michael.chen'],
  owners: ['sarah.johnson', 'michael.chen'],
};

function sampleArray(schema: JsonSchema, name: string, ctx: Ctx): unknown[] {
  const items = schema.items && !Array.isArray(schema.items) ? resolveRef(schema.items, ctx) : {};
  const min = schema.minItems ?? 0;
  const max = schema.maxItems ?? Number.POSITIVE_INFINITY;
  const hinted = name === 'role' || name === 'roles' ? ctx.person.roles : name === 'groups' ? ctx.person.groups : ARRAYS_BY_NAME[name];
  if (hinted && hinted.every((v) => fits(v, items)) && hinted.length >= min && hinted.length <= max) return [...hinted];

  const wanted = Math.min(max, Math.max(min, 2));
  const values: unknown[] = [];
  const seen = new Set<string>();
  // Each item gets its own sample index so two generated items differ where they can.
  for (let i = 0; values.length < wanted && i < wanted + 8; i++) {
    const value = sampleValue(items, singular(name), { ...ctx, index: ctx.index + i, depth: ctx.depth + 1, variant: i });
    const identity = JSON.stringify(value);
    if (schema.uniqueItems && seen.has(identity)) continue;
    seen.add(identity);
    values.push(value);
  }
  return values;
}

function singular(name: string): string {
  return name.endsWith('s') ? name.slice(0, -1) : name;
}

function sampleNumber(schema: JsonSchema, name: string, integer: boolean, variant: number): number {
  let value = numberHint(name) ?? (integer ? 1 : 1.5);
  if (integer) value = Math.round(value);
  const lower = schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + (integer ? 1 : 0.5) : schema.minimum;
  const upper = schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - (integer ? 1 : 0.5) : schema.maximum;
  if (lower !== undefined && value < lower) value = integer ? Math.ceil(lower) : lower;
  if (upper !== undefined && value > upper) value = integer ? Math.floor(upper) : upper;
  if (schema.multipleOf) value = Math.ceil(value / schema.multipleOf) * schema.multipleOf;
  const stepped = value + variant * (schema.multipleOf ?? 1);
  return upper !== undefined && stepped > upper ? value : stepped;
}

const NUMBERS_BY_NAME: Readonly<Record<string, number>> = {
  cvss_score: 7.5,
  score: 92,
  min_length: 12,
  max_age_days: 0,
  password_reuse_prevention: 5,
  lockout_threshold: 5,
  rotation_period_days: 365,
  retention_days: 35,
  screen_lock_timeout_minutes: 5,
  required_approvals: 1,
  users_reviewed: 42,
  access_changes: 3,
  critical_findings: 0,
  high_findings: 2,
  open_findings: 0,
};

function numberHint(name: string): number | undefined {
  if (name in NUMBERS_BY_NAME) return NUMBERS_BY_NAME[name];
  if (name.endsWith('_days')) return 30;
  if (name.endsWith('_count') || name.startsWith('num_')) return 3;
  return undefined;
}

// --- Strings --------------------------------------------------------------------------------

function sampleString(schema: JsonSchema, name: string, ctx: Ctx): string {
  const candidates = [formatValue(schema.format, name, ctx), nameHint(name, ctx)];
  for (const candidate of candidates) {
    if (candidate !== undefined && fits(candidate, schema)) return candidate;
  }
  const variant = ctx.variant > 0 ? ` ${ctx.variant + 1}` : '';
  return fitLength(`Example ${humanize(name || String(ctx.root.title ?? 'value'))}${variant}`, schema);
}

function formatValue(format: string | undefined, name: string, ctx: Ctx): string | undefined {
  switch (format) {
    case 'email':
      // Reviewers and approvers are the managers named elsewhere in the sample.
      return /^(reviewer|approver|manager)_/.test(name) ? 'john.smith@example.com' : emailOf(ctx);
    case 'date-time':
      return dateTimeFor(name, ctx);
    case 'date':
      return dateTimeFor(name, ctx).slice(0, 10);
    case 'time':
      return '09:30:00Z';
    case 'uri':
    case 'url':
    case 'iri':
      return uriFor(name, ctx);
    case 'uri-reference':
    case 'iri-reference':
      return `/${kebab(name || 'record')}/${idOf(ctx)}`;
    case 'uuid':
      return `3f2504e0-4f89-41d3-9a0c-${(0x305e82c3301 + ctx.index).toString(16).padStart(12, '0')}`;
    case 'hostname':
      return `app${ctx.index + 1}.example.com`;
    case 'ipv4':
      return `192.0.2.${10 + (ctx.index % 200)}`;
    case 'ipv6':
      return `2001:db8::${(ctx.index + 1).toString(16)}`;
    default:
      return undefined;
  }
}

function nameHint(name: string, ctx: Ctx): string | undefined {
  const { person } = ctx;
  const title = String(ctx.root.title ?? '');
  switch (name) {
    case 'id':
      return idOf(ctx);
    case 'identifier':
      return /user|mfa|account/i.test(title) ? `arn:aws:iam::123456789012:user/${usernameOf(ctx)}` : idOf(ctx);
    case 'username':
    case 'author':
    case 'login':
      return usernameOf(ctx);
    case 'merged_by':
      return 'michael.chen';
    case 'employee_name':
    case 'full_name':
    case 'display_name':
      return fullNameOf(ctx);
    case 'first_name':
      return person.first;
    case 'last_name':
      return person.last;
    case 'job_title':
      return person.jobTitle;
    case 'department':
      return person.department;
    case 'manager':
      return person.manager;
    case 'hostname':
      return `${person.first.toLowerCase()}-${person.last.toLowerCase()}${ctx.suffix}-laptop`;
    case 'name':
    case 'title': {
      const list = NAMES_BY_SCHEMA_TITLE[title];
      if (list) return pick(list, ctx.index);
      return name === 'name' ? fullNameOf(ctx) : `Example ${humanize(title || 'record')} ${ctx.index + 1}`;
    }
  }
  const leaver = person.leftAt !== undefined ? LEAVER_STRINGS[name] : undefined;
  if (leaver !== undefined) return leaver;
  const known = STRINGS_BY_NAME[name];
  if (known !== undefined) return typeof known === 'string' ? known : pick(known, ctx.index);
  const reference = /^(.+)_id$/.exec(name);
  if (reference) {
    const stem = reference[1]!;
    const prefix = REFERENCE_PREFIXES[stem] ?? stem.slice(0, 4);
    return `${prefix}_${pad(ctx.index + 1)}`;
  }
  return undefined;
}

function pick<T>(list: readonly T[], index: number): T {
  return list[index % list.length]!;
}

function idOf(ctx: Ctx): string {
  const title = String(ctx.root.title ?? '');
  const natural = IDS_BY_SCHEMA_TITLE[title];
  // Past the end of the list, fall back to prefixed ids so every sample index stays distinct.
  if (natural && ctx.index < natural.length) return natural[ctx.index]!;
  const prefix = ID_PREFIXES[title] ?? (title.replace(/[^A-Za-z]/g, '').slice(0, 3).toLowerCase() || 'rec');
  return `${prefix}_${pad(ctx.index + 1)}`;
}

function pad(n: number): string {
  return String(n).padStart(3, '0');
}

function fullNameOf(ctx: Ctx): string {
  return `${ctx.person.first} ${ctx.person.last}`;
}

function usernameOf(ctx: Ctx): string {
  return `${ctx.person.first}.${ctx.person.last}${ctx.suffix}`.toLowerCase();
}

function emailOf(ctx: Ctx): string {
  return `${usernameOf(ctx)}@example.com`;
}

function dateTimeFor(name: string, ctx: Ctx): string {
  if (ctx.person.leftAt !== undefined && WHEN_PERSON_LEFT.test(name)) return ctx.person.leftAt;
  if (name === 'hiring_date' || name === 'hire_date' || name === 'start_date') return ctx.person.hiredAt;
  if (/due|^next_|expires/.test(name)) return '2025-01-31T00:00:00Z';
  if (/^(initiated|assigned|started|detected|first_detected|sent|created)_/.test(name)) return '2024-01-08T09:00:00Z';
  if (/^(completed|signed|approved|acknowledged|merged|resolved)_/.test(name)) return '2024-01-15T09:30:00Z';
  return '2024-02-01T10:00:00Z';
}

function uriFor(name: string, ctx: Ctx): string {
  const title = String(ctx.root.title ?? '');
  if (name === 'url' && title === 'Repository') return `https://git.example.com/acme/${pick(NAMES_BY_SCHEMA_TITLE.Repository!, ctx.index)}`;
  if (name === 'url' && title === 'CodeChange') {
    return `https://git.example.com/acme/${pick(NAMES_BY_SCHEMA_TITLE.Repository!, ctx.index)}/pull/${ctx.index + 101}`;
  }
  if (name === 'website') return `https://vendor${ctx.index + 1}.example.com`;
  const stem = kebab(name.replace(/_(url|uri|link)$/, '')) || 'record';
  return `https://docs.example.com/${stem}/${idOf(ctx)}`;
}

function humanize(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').trim().toLowerCase();
  return words || 'value';
}

function kebab(name: string): string {
  return humanize(name).replace(/\s+/g, '-');
}

function fitLength(value: string, schema: JsonSchema): string {
  let out = value;
  if (schema.minLength !== undefined && out.length < schema.minLength) out = out.padEnd(schema.minLength, 'x');
  if (schema.maxLength !== undefined && out.length > schema.maxLength) out = out.slice(0, schema.maxLength);
  return out;
}

/** Cheap leaf check for hinted values; anything it cannot judge, it accepts. */
function fits(value: JsonPrimitive, schema: JsonSchema): boolean {
  if (schema.enum && !schema.enum.includes(value)) return false;
  if (schema.const !== undefined && schema.const !== value) return false;
  const type = primaryType(schema);
  if (typeof value === 'string') {
    if (type !== undefined && type !== 'string') return false;
    if (schema.minLength !== undefined && value.length < schema.minLength) return false;
    if (schema.maxLength !== undefined && value.length > schema.maxLength) return false;
    if (typeof schema.pattern === 'string') {
      try {
        if (!new RegExp(schema.pattern, 'u').test(value)) return false;
      } catch {
        return false;
      }
    }
  }
  return true;
}
