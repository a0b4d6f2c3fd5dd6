import { badRequest, ScimError } from './errors.js';
import { findSubAttribute, resolveAttribute, type ResolvedAttribute } from './attribute-resolver.js';
import { evaluateFilter } from './filter-evaluator.js';
import { parsePatchPath, type FilterNode, type PatchPath } from './filter-parser.js';
import { deepClone, findKey, getInsensitive, isPlainObject, type JsonObject } from './json-utils.js';
import type { AttributeDefinition, ResourceTypeName } from './schema-definitions.js';

export interface ProjectionOptions {
  /** Comma-separated string (as in the query string) or a list. */
  attributes?: string | string[] | undefined;
  excludedAttributes?: string | string[] | undefined;
}

interface Selection {
  resolved: ResolvedAttribute;
  whole: boolean;
  subs: Set<string>;
  /** Filters from `emails[type eq "work"]`-style entries; a value is kept if any matches. */
  filters: FilterNode[];
  unfiltered: boolean;
}

/**
 * Applies `attributes` / `excludedAttributes` (RFC 7644 §3.4.2.5, §3.9). `id` and `schemas`
 * are always returned; with `attributes`, everything else (meta included) appears only when
 * requested. Names are case-insensitive and may be sub-attributes or URN-qualified.
 * Microsoft's reference tests also send `attributes=emails[type eq "work"]`; a bracket
 * filter narrows the values returned. When both are given, `attributes` wins.
 */
export function projectAttributes(resource: JsonObject, options: ProjectionOptions, resourceType: ResourceTypeName): JsonObject {
  const attributes = splitList(options.attributes);
  const excluded = splitList(options.excludedAttributes);
  if (attributes.length > 0) return include(resource, attributes.map(parseEntry), resourceType);
  // Nothing to take out: the resource as it is (a copy of its top level only; a deep copy of a
  // group of 10,000 members would be work for nothing).
  if (excluded.length === 0) return { ...resource };
  const out = deepClone(resource);
  for (const path of excluded.map(parseEntry)) exclude(out, path, resourceType);
  return out;
}

function splitList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => splitTopLevel(String(v)));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

// Commas inside a bracket filter or a quoted value do not separate entries.
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (quoted) {
      if (ch === '\\') i++;
      else if (ch === '"') quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === '[') depth++;
    else if (ch === ']') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function parseEntry(entry: string): PatchPath {
  try {
    return parsePatchPath(entry);
  } catch (err) {
    if (err instanceof ScimError) throw badRequest('invalidValue', `Invalid attribute list entry: ${err.detail}`);
    throw err;
  }
}

function include(resource: JsonObject, paths: PatchPath[], resourceType: ResourceTypeName): JsonObject {
  const selections = new Map<string, Selection>();
  const wholeSchemas = new Set<string>();
  for (const path of paths) {
    if (!path.attribute) {
      if (path.schema) wholeSchemas.add(path.schema);
      continue;
    }
    const resolved = resolveAttribute(resourceType, path.schema, path.attribute);
    const key = `${resolved.extension ? resolved.schemaUrn : ''}|${resolved.name.toLowerCase()}`;
    let selection = selections.get(key);
    if (!selection) {
      selection = { resolved, whole: false, subs: new Set(), filters: [], unfiltered: false };
      selections.set(key, selection);
    }
    const sub = path.subAttribute ?? path.filterSubAttribute;
    if (sub) selection.subs.add(sub);
    else selection.whole = true;
    if (path.filter) selection.filters.push(path.filter);
    else selection.unfiltered = true;
  }

  const out: JsonObject = {};
  const schemas = getInsensitive(resource, 'schemas');
  if (schemas !== undefined) out.schemas = deepClone(schemas);
  const id = getInsensitive(resource, 'id');
  if (id !== undefined) out.id = id;

  for (const selection of selections.values()) {
    const { resolved } = selection;
    if (resolved.definition?.returned === 'never') continue;
    const source = resolved.extension ? getInsensitive(resource, resolved.schemaUrn) : resource;
    if (!isPlainObject(source)) continue;
    const value = getInsensitive(source, resolved.name);
    if (value === undefined) continue;
    const picked = pick(value, selection, resourceType);
    if (picked === undefined) continue;
    if (resolved.extension) {
      const ext = (out[resolved.schemaUrn] ??= {}) as JsonObject;
      ext[resolved.name] = picked;
    } else if (resolved.name !== 'id') {
      out[resolved.name] = picked;
    }
  }
  for (const schema of wholeSchemas) {
    const ext = getInsensitive(resource, schema);
    if (isPlainObject(ext)) out[schema] = deepClone(ext);
  }
  return out;
}

function pick(value: unknown, selection: Selection, resourceType: ResourceTypeName): unknown {
  const definition = selection.resolved.definition;
  const keep = (item: unknown): unknown => {
    if (selection.whole || !isPlainObject(item)) return deepClone(item);
    const out: JsonObject = {};
    for (const sub of selection.subs) {
      const name = findSubAttribute(definition, sub)?.name ?? sub;
      const v = getInsensitive(item, name);
      if (v !== undefined) out[name] = deepClone(v);
    }
    return Object.keys(out).length > 0 ? out : undefined;
  };
  if (Array.isArray(value)) {
    const items = selection.unfiltered
      ? value
      : value.filter((item) => isPlainObject(item) && selection.filters.some((f) => matches(f, item, definition, resourceType)));
    const kept = items.map(keep).filter((item) => item !== undefined);
    return kept.length > 0 ? kept : undefined;
  }
  return keep(value);
}

function matches(filter: FilterNode, item: JsonObject, definition: AttributeDefinition | undefined, resourceType: ResourceTypeName): boolean {
  const name = definition?.name ?? 'value';
  return evaluateFilter({ kind: 'valuePath', path: { attribute: name }, filter }, { [name]: [item] }, { resourceType });
}

function exclude(resource: JsonObject, path: PatchPath, resourceType: ResourceTypeName): void {
  if (!path.attribute) {
    const key = path.schema ? findKey(resource, path.schema) : undefined;
    if (key !== undefined) delete resource[key];
    return;
  }
  const resolved = resolveAttribute(resourceType, path.schema, path.attribute);
  // "always" attributes (id) cannot be excluded (RFC 7643 §2.2 returned "always").
  if (resolved.definition?.returned === 'always' || resolved.name.toLowerCase() === 'schemas') return;
  const container = resolved.extension ? getInsensitive(resource, resolved.schemaUrn) : resource;
  if (!isPlainObject(container)) return;
  const key = findKey(container, resolved.name);
  if (key === undefined) return;
  const sub = path.subAttribute ?? path.filterSubAttribute;
  const value = container[key];

  if (!sub) {
    if (path.filter && Array.isArray(value)) {
      const filter = path.filter;
      const remaining = value.filter((item) => !(isPlainObject(item) && matches(filter, item, resolved.definition, resourceType)));
      if (remaining.length > 0) container[key] = remaining;
      else delete container[key];
    } else {
      delete container[key];
    }
  } else {
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) {
      if (!isPlainObject(item)) continue;
      if (path.filter && !matches(path.filter, item, resolved.definition, resourceType)) continue;
      const subKey = findKey(item, sub);
      if (subKey !== undefined) delete item[subKey];
    }
  }
  if (resolved.extension && isPlainObject(container) && Object.keys(container).length === 0) {
    const extKey = findKey(resource, resolved.schemaUrn);
    if (extKey !== undefined) delete resource[extKey];
  }
}
