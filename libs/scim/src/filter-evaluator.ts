import type { AttributePath } from './attribute-path.js';
import { findSubAttribute, resolveAttribute } from './attribute-resolver.js';
import type { ComparisonNode, FilterNode, FilterValue } from './filter-parser.js';
import { getInsensitive, isPlainObject, type JsonObject } from './json-utils.js';
import type { AttributeDefinition, ResourceTypeName } from './schema-definitions.js';

export interface EvaluateOptions {
  /** Narrows name resolution; without it User, Group and enterprise names are all tried. */
  resourceType?: ResourceTypeName;
}

interface Scope {
  resourceType?: ResourceTypeName;
  /** Set inside `attr[...]`: names then refer to sub-attributes of this attribute. */
  parent?: AttributeDefinition;
  /** Set inside `attr[...]` for attributes we have no definition for. */
  inValuePath?: boolean;
}

interface Located {
  values: unknown[];
  definition?: AttributeDefinition;
}

/**
 * Evaluates a parsed filter against one resource (RFC 7644 §3.4.2.2). A comparison on a
 * multi-valued attribute matches when any value matches; `ne` is the negation of `eq`, so
 * it also matches resources without the attribute.
 */
export function evaluateFilter(node: FilterNode, resource: JsonObject, options: EvaluateOptions = {}): boolean {
  return evaluate(node, resource, options.resourceType ? { resourceType: options.resourceType } : {});
}

/**
 * Evaluates the filter inside `attr[...]` against one value of that attribute: names refer to
 * its sub-attributes, as in a valuePath filter.
 */
export function evaluateValueFilter(node: FilterNode, value: JsonObject, parent: AttributeDefinition, resourceType?: ResourceTypeName): boolean {
  const scope: Scope = { inValuePath: true, parent };
  if (resourceType) scope.resourceType = resourceType;
  return evaluate(node, value, scope);
}

function evaluate(node: FilterNode, context: JsonObject, scope: Scope): boolean {
  switch (node.kind) {
    case 'and':
      return evaluate(node.left, context, scope) && evaluate(node.right, context, scope);
    case 'or':
      return evaluate(node.left, context, scope) || evaluate(node.right, context, scope);
    case 'not':
      return !evaluate(node.operand, context, scope);
    case 'present':
      return locate(node.path, context, scope).values.some(isPresent);
    case 'valuePath': {
      const { values, definition } = locate(node.path, context, scope);
      const innerScope: Scope = { ...scope, inValuePath: true };
      if (definition) innerScope.parent = definition;
      else delete innerScope.parent;
      return values.some((value) => isPlainObject(value) && evaluate(node.filter, value, innerScope));
    }
    case 'comparison':
      return evaluateComparison(node, context, scope);
  }
}

/** Collects the values a path points at, flattening multi-valued attributes. */
function locate(path: AttributePath, context: JsonObject, scope: Scope): Located {
  let definition: AttributeDefinition | undefined;
  let raw: unknown;
  if (scope.inValuePath) {
    definition = findSubAttribute(scope.parent, path.attribute);
    raw = getInsensitive(context, path.attribute);
  } else {
    const resolved = resolveAttribute(scope.resourceType, path.schema, path.attribute);
    definition = resolved.definition;
    const container = resolved.extension ? getInsensitive(context, resolved.schemaUrn) : context;
    raw = isPlainObject(container) ? getInsensitive(container, resolved.name) : undefined;
  }
  let values = flatten(raw);
  if (path.subAttribute) {
    const sub = path.subAttribute;
    values = values.flatMap((v) => (isPlainObject(v) ? flatten(getInsensitive(v, sub)) : []));
    definition = findSubAttribute(definition, sub);
  }
  return definition ? { values, definition } : { values };
}

function flatten(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value.filter((v) => v !== undefined && v !== null) : [value];
}

// RFC 7644 §3.4.2.2 "pr": a non-empty value, or a complex value with a non-empty node.
function isPresent(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.some(isPresent);
  if (isPlainObject(value)) return Object.values(value).some(isPresent);
  return true;
}

function evaluateComparison(node: ComparisonNode, context: JsonObject, scope: Scope): boolean {
  const { values, definition } = locate(node.path, context, scope);
  // A complex value compared without a sub-attribute is compared through its "value"
  // sub-attribute (emails co "example.com" means emails.value co "example.com").
  const candidates = values.flatMap((v) => (isPlainObject(v) ? flatten(getInsensitive(v, 'value')) : [v]));
  const valueDefinition = definition?.type === 'complex' ? findSubAttribute(definition, 'value') : definition;

  if (node.value === null) {
    const present = candidates.some(isPresent);
    if (node.operator === 'eq') return !present;
    if (node.operator === 'ne') return present;
    return false;
  }
  if (node.operator === 'ne') {
    return !candidates.some((c) => compareOne(c, 'eq', node, valueDefinition));
  }
  return candidates.some((c) => compareOne(c, node.operator, node, valueDefinition));
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:?\d{2})?)?$/;

function compareOne(
  actual: unknown,
  operator: ComparisonNode['operator'],
  node: ComparisonNode,
  definition: AttributeDefinition | undefined,
): boolean {
  const expected = node.value as Exclude<FilterValue, null>;

  if (typeof actual === 'boolean') {
    const wanted = typeof expected === 'boolean' ? expected : toBoolean(expected);
    if (wanted === undefined) return false;
    return operator === 'eq' ? actual === wanted : false;
  }

  if (typeof actual === 'number') {
    const wanted = typeof expected === 'number' ? expected : typeof expected === 'string' && expected.trim() !== '' ? Number(expected) : NaN;
    if (Number.isNaN(wanted)) return false;
    if (operator === 'co' || operator === 'sw' || operator === 'ew') {
      return compareStrings(String(actual), String(node.rawValue ?? expected), operator, true);
    }
    return order(actual, wanted, operator);
  }

  if (typeof actual !== 'string') return false;
  // An unquoted 1234 against a string attribute is the text "1234" as the client typed it.
  const wanted = typeof expected === 'string' ? expected : (node.rawValue ?? String(expected));

  const isDateAttribute = definition?.type === 'dateTime' || (!definition && ISO_DATE.test(actual) && ISO_DATE.test(wanted));
  if (isDateAttribute && operator !== 'co' && operator !== 'sw' && operator !== 'ew') {
    const a = Date.parse(actual);
    const b = Date.parse(wanted);
    if (!Number.isNaN(a) && !Number.isNaN(b)) return order(a, b, operator);
  }
  return compareStrings(actual, wanted, operator, definition?.caseExact ?? false);
}

function compareStrings(actual: string, wanted: string, operator: ComparisonNode['operator'], caseExact: boolean): boolean {
  const a = caseExact ? actual : actual.toLowerCase();
  const b = caseExact ? wanted : wanted.toLowerCase();
  switch (operator) {
    case 'co':
      return a.includes(b);
    case 'sw':
      return a.startsWith(b);
    case 'ew':
      return a.endsWith(b);
    default:
      return order(a, b, operator);
  }
}

function order<T extends string | number>(a: T, b: T, operator: ComparisonNode['operator']): boolean {
  switch (operator) {
    case 'eq':
      return a === b;
    case 'ne':
      return a !== b;
    case 'gt':
      return a > b;
    case 'ge':
      return a >= b;
    case 'lt':
      return a < b;
    case 'le':
      return a <= b;
    default:
      return false;
  }
}

function toBoolean(value: unknown): boolean | undefined {
  if (typeof value !== 'string') return undefined;
  const lower = value.trim().toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

export interface SimpleEquality {
  /** Canonical dotted path: "userName", "externalId", "emails.value", or URN-qualified for extensions. */
  attribute: string;
  value: string;
  /** Whether the store must compare this attribute case-sensitively (id, externalId). */
  caseExact: boolean;
}

/**
 * Recognises the single-equality filters IdPs use to look a resource up before creating
 * it (`userName eq "x"`, `externalId eq "x"`, `emails[value eq "x"]`, `displayName eq "x"`),
 * so the API can answer them with an indexed query instead of scanning.
 */
export function extractSimpleEquality(node: FilterNode, resourceType?: ResourceTypeName): SimpleEquality | null {
  let comparison: ComparisonNode;
  let attribute: AttributePath;
  if (node.kind === 'comparison') {
    comparison = node;
    attribute = node.path;
  } else if (node.kind === 'valuePath' && node.filter.kind === 'comparison' && !node.filter.path.subAttribute && !node.filter.path.schema) {
    comparison = node.filter;
    attribute = { ...node.path, subAttribute: node.filter.path.attribute };
    if (node.path.schema) attribute.schema = node.path.schema;
  } else {
    return null;
  }
  if (comparison.operator !== 'eq' || comparison.value === null || typeof comparison.value === 'boolean') return null;
  const value = typeof comparison.value === 'string' ? comparison.value : (comparison.rawValue ?? String(comparison.value));

  const resolved = resolveAttribute(resourceType, attribute.schema, attribute.attribute);
  let definition = resolved.definition;
  let name = resolved.name;
  if (attribute.subAttribute) {
    definition = findSubAttribute(definition, attribute.subAttribute);
    name = `${name}.${definition?.name ?? attribute.subAttribute}`;
  } else if (definition?.type === 'complex') {
    return null;
  }
  return {
    attribute: resolved.extension ? `${resolved.schemaUrn}:${name}` : name,
    value,
    caseExact: definition?.caseExact ?? false,
  };
}
