import { SCHEMA_ENTERPRISE_USER } from './constants.js';
import { badRequest, ScimError } from './errors.js';
import { formatAttributePath } from './attribute-path.js';
import {
  coreSchemaOf,
  extensionSchemasOf,
  findSubAttribute,
  resolveAttribute,
  type ResolvedAttribute,
} from './attribute-resolver.js';
import { evaluateValueFilter } from './filter-evaluator.js';
import { parsePatchPath, type FilterNode, type PatchPath } from './filter-parser.js';
import { deepClone, deepEqual, findKey, getInsensitive, isPlainObject, isUnassigned, type JsonObject } from './json-utils.js';
import { checkValueCount, MAX_FILTERED_VALUES_PER_PATCH, MAX_VALUES_PER_ATTRIBUTE, tooMuchFiltering } from './limits.js';
import { ValueList } from './multi-valued.js';
import type { AttributeDefinition, ResourceTypeName } from './schema-definitions.js';
import { coerceAttributeValue, coerceSingleValue } from './value-coercion.js';

export type PatchOpName = 'add' | 'replace' | 'remove';

export interface PatchOperation {
  op: string;
  path?: string;
  value?: unknown;
}

export interface PatchRequest {
  schemas?: string[];
  Operations: PatchOperation[];
}

export interface PatchOptions {
  resourceType: ResourceTypeName;
}

export interface ValueChange<T> {
  old: T | undefined;
  new: T | undefined;
}

/** What a PATCH actually changed, so the API can decide which downstream calls to make. */
export interface PatchChanges {
  /** False when every operation was a no-op (e.g. re-adding an existing member). */
  changed: boolean;
  /** Top-level attributes whose value changed; extension attributes are URN-qualified. */
  attributes: string[];
  /** Present only when `active` changed. */
  active?: ValueChange<boolean>;
  /** Present only when `displayName` changed. */
  displayName?: ValueChange<string>;
  /** Groups only; present only when membership changed. Values are member ids. */
  members?: { added: string[]; removed: string[] };
  /** Paths naming attributes outside our schema; they were skipped rather than failing the request. */
  ignored: string[];
}

export interface PatchResult<T extends JsonObject = JsonObject> {
  resource: T;
  changes: PatchChanges;
}

interface Context {
  resourceType: ResourceTypeName;
  ignored: string[];
  /**
   * 'patch' rejects writes to readOnly attributes (RFC 7644 §3.5.2: 400 mutability);
   * 'input' (POST/PUT bodies) ignores them, as RFC 7643 §2.2 asks of readOnly values.
   */
  mode: 'patch' | 'input';
  /** Values each multi-valued attribute received so far in this request (its limit applies to the sum). */
  counts: Map<string, number>;
  /** Values visited by operations that scan a whole attribute (value filters, "emails.type"). */
  scanned: number;
  /**
   * Multi-valued attributes being changed through their index, written back to their container
   * by flush(): a run of adds and removes by value then costs what its values cost, not the
   * list's length each time.
   */
  pending: Map<JsonObject, Map<string, Pending>>;
}

interface Pending {
  /** The key the attribute had in its container when the run began (maybe not canonical). */
  key: string | undefined;
  list: ValueList;
}

function newContext(resourceType: ResourceTypeName, mode: Context['mode']): Context {
  return { resourceType, ignored: [], mode, counts: new Map(), scanned: 0, pending: new Map() };
}

/** Writes every indexed attribute back to its container as a plain list. */
function flush(ctx: Context): void {
  for (const [container, lists] of ctx.pending) {
    for (const [name, pending] of lists) writeBack(container, name, pending);
  }
  ctx.pending.clear();
}

function flushOne(ctx: Context, container: JsonObject, name: string): void {
  const lists = ctx.pending.get(container);
  const pending = lists?.get(name);
  if (!lists || !pending) return;
  writeBack(container, name, pending);
  lists.delete(name);
  if (lists.size === 0) ctx.pending.delete(container);
}

function writeBack(container: JsonObject, name: string, pending: Pending): void {
  if (pending.key !== undefined) delete container[pending.key];
  if (pending.list.size === 0) delete container[name];
  else container[name] = pending.list.toArray();
}

/** The attribute's indexed list for this request, built from its current values on first use. */
function indexedList(ctx: Context, container: JsonObject, name: string, definition: AttributeDefinition): ValueList {
  let lists = ctx.pending.get(container);
  if (!lists) ctx.pending.set(container, (lists = new Map()));
  let pending = lists.get(name);
  if (!pending) {
    const key = findKey(container, name);
    const current = key === undefined ? undefined : container[key];
    const values = Array.isArray(current) ? current : isUnassigned(current) ? [] : [current];
    pending = { key, list: new ValueList(definition, values) };
    lists.set(name, pending);
  }
  return pending.list;
}

/** Counts a request's values of a multi-valued attribute against its per-request limit. */
function countValues(ctx: Context, attribute: string, count: number): void {
  const total = (ctx.counts.get(attribute) ?? 0) + count;
  ctx.counts.set(attribute, total);
  checkValueCount(attribute, total);
}

/** Charges an operation that visits every value of a list against the request's budget. */
function chargeScan(ctx: Context, count: number): void {
  ctx.scanned += count;
  if (ctx.scanned > MAX_FILTERED_VALUES_PER_PATCH) throw tooMuchFiltering(ctx.scanned);
}

/**
 * Applies a SCIM PATCH request (RFC 7644 §3.5.2) to a resource without mutating it. The
 * request is atomic: any failing operation throws a ScimError and nothing is applied.
 * Tolerates what Entra ID and Okta really send: capitalised op names, "True"/"False"
 * booleans, dotted and URN-qualified keys inside a path-less value, member removal by value
 * list, and a missing `schemas` member.
 */
export function applyPatch<T extends JsonObject>(resource: T, request: unknown, options: PatchOptions): PatchResult<T> {
  const steps = applyPatchInSteps(resource, request, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Operations applied between two pauses of applyPatchInSteps. */
export const PATCH_OPERATIONS_PER_STEP = 250;

/**
 * applyPatch in steps: a generator that pauses after every PATCH_OPERATIONS_PER_STEP operations
 * and returns the result when done, so a server can let other requests run during a PATCH of
 * thousands of operations. Nothing is applied to `resource` at any point; abandoning the
 * generator abandons the PATCH.
 */
export function* applyPatchInSteps<T extends JsonObject>(resource: T, request: unknown, options: PatchOptions): Generator<void, PatchResult<T>, void> {
  const operations = readOperations(request);
  const ctx = newContext(options.resourceType, 'patch');
  const working = deepClone(resource) as JsonObject;

  for (let index = 0; index < operations.length; index++) {
    if (index > 0 && index % PATCH_OPERATIONS_PER_STEP === 0) yield;
    try {
      applyOperation(working, operations[index]!, ctx);
    } catch (err) {
      if (err instanceof ScimError) {
        throw new ScimError(err.status, `Operations[${index}]: ${err.detail}`, err.scimType);
      }
      throw err;
    }
  }
  yield;

  flush(ctx);
  finalize(working, ctx.resourceType);
  return { resource: working as T, changes: diff(resource, working, ctx) };
}

function readOperations(request: unknown): JsonObject[] {
  if (!isPlainObject(request)) throw badRequest('invalidSyntax', 'A PATCH request body must be a JSON object');
  // `schemas` should contain the PatchOp URN, but IdPs sometimes omit it; the Operations
  // member is what matters, so a missing or different `schemas` is not an error.
  const operations = getInsensitive(request, 'Operations');
  if (operations === undefined) throw badRequest('invalidSyntax', 'A PATCH request must have an "Operations" array');
  if (!Array.isArray(operations)) throw badRequest('invalidSyntax', '"Operations" must be an array');
  if (operations.length === 0) throw badRequest('invalidValue', '"Operations" must contain at least one operation');
  return operations.map((operation, index) => {
    if (!isPlainObject(operation)) throw badRequest('invalidSyntax', `Operations[${index}] must be an object`);
    return operation;
  });
}

function applyOperation(resource: JsonObject, operation: JsonObject, ctx: Context): void {
  const rawOp = getInsensitive(operation, 'op');
  const op = typeof rawOp === 'string' ? rawOp.trim().toLowerCase() : undefined;
  if (op !== 'add' && op !== 'replace' && op !== 'remove') {
    throw badRequest('invalidSyntax', `"op" must be "add", "replace" or "remove", got ${JSON.stringify(rawOp ?? null)}`);
  }
  const rawPath = getInsensitive(operation, 'path');
  if (rawPath !== undefined && rawPath !== null && typeof rawPath !== 'string') {
    throw badRequest('invalidPath', '"path" must be a string');
  }
  const pathText = typeof rawPath === 'string' && rawPath.trim() !== '' ? rawPath.trim() : undefined;
  const hasValue = findKey(operation, 'value') !== undefined;
  const value = getInsensitive(operation, 'value');

  if (op === 'remove' && pathText === undefined) {
    throw badRequest('noTarget', '"remove" requires a "path" naming the attribute to remove');
  }
  if (op !== 'remove' && !hasValue) throw badRequest('invalidValue', `"${op}" requires a "value"`);

  if (pathText === undefined) {
    // No path: the value is a partial resource. Each key is itself treated as a path, which
    // covers Entra's aadOptscim062020 form ({"name.givenName": "x", "urn:...:department": "y"}).
    if (!isPlainObject(value)) throw badRequest('invalidValue', `"${op}" without a "path" requires an object "value"`);
    for (const [key, item] of Object.entries(value)) {
      if (key.toLowerCase() === 'schemas') continue;
      const path = parseKey(key, ctx);
      if (path) applyAtPath(resource, op, path, item, true, ctx);
    }
    return;
  }
  applyAtPath(resource, op, parsePatchPath(pathText), value, hasValue, ctx);
}

function applyAtPath(
  resource: JsonObject,
  op: PatchOpName,
  path: PatchPath,
  value: unknown,
  hasValue: boolean,
  ctx: Context,
): void {
  if (!path.attribute) return applyToSchemaRoot(resource, op, path.schema!, value, ctx);

  const resolved = resolveAttribute(ctx.resourceType, path.schema, path.attribute);
  const definition = resolved.definition;
  if (!definition || (resolved.extension && !extensionSchemasOf(ctx.resourceType).includes(resolved.schemaUrn))) {
    ctx.ignored.push(formatAttributePath(path));
    return;
  }
  const label = formatAttributePath({ attribute: resolved.name, ...(path.subAttribute ? { subAttribute: path.subAttribute } : {}) });

  if (definition.mutability === 'readOnly' && ctx.mode === 'input') return;
  if (resolved.name === 'id') return checkIdUnchanged(resource, op, value);
  if (definition.mutability === 'readOnly') throw badRequest('mutability', `Attribute "${resolved.name}" is read-only`);

  const container = containerFor(resource, resolved, op !== 'remove');
  if (!container) return; // removing from an extension that is not there: nothing to do

  if (definition.multiValued) {
    applyMultiValued(container, op, resolved.name, definition, path, value, hasValue, label, ctx, resolved);
  } else if (path.filter) {
    throw badRequest('invalidPath', `A value filter can only be applied to a multi-valued attribute, not "${resolved.name}"`);
  } else if (definition.type === 'complex') {
    applyComplex(container, op, resolved.name, definition, path.subAttribute, value, label, ctx);
  } else {
    if (path.subAttribute) throw badRequest('invalidPath', `Attribute "${resolved.name}" has no sub-attribute "${path.subAttribute}"`);
    if (op === 'remove') {
      const key = findKey(container, resolved.name);
      if (key !== undefined) delete container[key];
    } else {
      setChecked(container, resolved.name, definition, coerceAttributeValue(definition, value, label), label);
    }
  }
  cleanup(resource, resolved);
}

/** `path` is an extension URN on its own: the value is an object of that extension's attributes. */
function applyToSchemaRoot(resource: JsonObject, op: PatchOpName, schema: string, value: unknown, ctx: Context): void {
  flush(ctx);
  if (!extensionSchemasOf(ctx.resourceType).includes(schema)) {
    if (schema !== coreSchemaOf(ctx.resourceType)) return void ctx.ignored.push(schema);
    throw badRequest('invalidPath', `Path "${schema}" names the resource itself; omit "path" instead`);
  }
  if (op === 'remove') {
    const key = findKey(resource, schema);
    if (key !== undefined) delete resource[key];
    return;
  }
  if (!isPlainObject(value)) throw badRequest('invalidValue', `The value for "${schema}" must be an object`);
  for (const [key, item] of Object.entries(value)) {
    const path = parseKey(`${schema}:${key}`, ctx);
    if (path) applyAtPath(resource, op, path, item, true, ctx);
  }
}

/**
 * A key of a value object used as a path. In a PATCH a malformed key is 400 invalidPath; in
 * a POST/PUT body it cannot name one of our attributes, so it is dropped like any unknown name.
 */
function parseKey(key: string, ctx: Context): PatchPath | undefined {
  if (ctx.mode === 'patch') return parsePatchPath(key);
  try {
    return parsePatchPath(key);
  } catch {
    ctx.ignored.push(key);
    return undefined;
  }
}

function checkIdUnchanged(resource: JsonObject, op: PatchOpName, value: unknown): void {
  // Okta's group rename sends {"id": ..., "displayName": ...}; an unchanged id is harmless.
  const current = resource.id;
  if (op !== 'remove' && (current === undefined || value === current)) return;
  throw badRequest('mutability', 'Attribute "id" is read-only and cannot be changed');
}

function containerFor(resource: JsonObject, resolved: ResolvedAttribute, create: boolean): JsonObject | undefined {
  if (!resolved.extension) return resource;
  const key = findKey(resource, resolved.schemaUrn);
  const existing = key === undefined ? undefined : resource[key];
  if (isPlainObject(existing)) {
    if (key !== resolved.schemaUrn) {
      delete resource[key!];
      resource[resolved.schemaUrn] = existing;
    }
    return existing;
  }
  if (!create) return undefined;
  const created: JsonObject = {};
  resource[resolved.schemaUrn] = created;
  return created;
}

/** Writes a value, honouring "immutable" (may be set once, never changed) and null = unassign. */
function setChecked(container: JsonObject, name: string, definition: AttributeDefinition, value: unknown, label: string): void {
  const key = findKey(container, name);
  const existing = key === undefined ? undefined : container[key];
  if (key !== undefined && key !== name) delete container[key];
  if (definition.mutability === 'immutable' && !isUnassigned(existing) && !deepEqual(existing, value)) {
    if (key !== undefined) container[name] = existing;
    throw badRequest('mutability', `Attribute "${label}" is immutable and already has a value`);
  }
  if (value === null || (Array.isArray(value) && value.length === 0)) delete container[name];
  else container[name] = value;
}

function applyComplex(
  container: JsonObject,
  op: PatchOpName,
  name: string,
  definition: AttributeDefinition,
  subAttribute: string | undefined,
  value: unknown,
  label: string,
  ctx: Context,
): void {
  const key = findKey(container, name);
  const current = key === undefined ? undefined : container[key];
  const target: JsonObject = isPlainObject(current) ? { ...current } : {};

  if (subAttribute) {
    const sub = findSubAttribute(definition, subAttribute);
    if (!sub) return void ctx.ignored.push(`${name}.${subAttribute}`);
    if (sub.mutability === 'readOnly') {
      if (ctx.mode === 'input') return;
      throw badRequest('mutability', `Attribute "${label}" is read-only`);
    }
    if (op === 'remove') {
      const subKey = findKey(target, sub.name);
      if (subKey !== undefined) delete target[subKey];
    } else {
      setChecked(target, sub.name, sub, coerceSingleValue(sub, value, label), label);
    }
  } else if (op === 'remove') {
    for (const k of Object.keys(target)) delete target[k];
  } else {
    const coerced = coerceAttributeValue(definition, value, label);
    // RFC 7644 §3.5.2.1/§3.5.2.3: sub-attributes not mentioned are left unchanged, and for
    // replace a null value unassigns the whole attribute.
    if (coerced === null) {
      if (op === 'replace') for (const k of Object.keys(target)) delete target[k];
    } else {
      for (const [subName, subValue] of Object.entries(coerced as JsonObject)) {
        setChecked(target, subName, findSubAttribute(definition, subName)!, subValue, `${name}.${subName}`);
      }
    }
  }
  // Stored under the canonical name; an emptied complex value disappears entirely.
  if (key !== undefined) delete container[key];
  if (Object.keys(target).length > 0) container[name] = target;
}

function applyMultiValued(
  container: JsonObject,
  op: PatchOpName,
  name: string,
  definition: AttributeDefinition,
  path: PatchPath,
  value: unknown,
  hasValue: boolean,
  label: string,
  ctx: Context,
  resolved: ResolvedAttribute,
): void {
  const extension = resolved.extension;
  // Every value a request names counts, across operations: 10,000 one-member adds are as many
  // members as one add of 10,000. An operation without a value (a filtered remove) names one.
  const named = Array.isArray(value) ? value.length : value === undefined || value === null ? (path.filter ? 1 : 0) : 1;
  countValues(ctx, extension ? `${resolved.schemaUrn}:${name}` : name, named);

  // Adds, replaces and removals by value (and `attr[value eq "x"]` removals) go through the
  // attribute's index; everything else works on the plain list.
  if (!extension && !path.subAttribute) {
    if (!path.filter) return applyIndexed(container, op, name, definition, value, hasValue, label, ctx);
    const text = op === 'remove' && !path.filterSubAttribute ? valueEqualityText(path.filter) : undefined;
    if (text !== undefined && indexedList(ctx, container, name, definition).removeWhereValueIs(text)) return;
  }
  flushOne(ctx, container, name);

  const key = findKey(container, name);
  const current = key === undefined ? undefined : container[key];
  let list: unknown[] = Array.isArray(current) ? current : isUnassigned(current) ? [] : [current];
  const save = () => {
    if (key !== undefined) delete container[key];
    if (list.length === 0) delete container[name];
    else container[name] = list;
  };

  if (path.filter) {
    chargeScan(ctx, list.length);
    list = applyFiltered(list, op, definition, path, value, label, ctx);
    return save();
  }

  if (path.subAttribute) {
    // "emails.value" without a filter addresses that sub-attribute of every value.
    const sub = findSubAttribute(definition, path.subAttribute);
    if (!sub) return void ctx.ignored.push(`${name}.${path.subAttribute}`);
    if (sub.mutability === 'readOnly') {
      if (ctx.mode === 'input') return save();
      throw badRequest('mutability', `Attribute "${label}" is read-only`);
    }
    chargeScan(ctx, list.length);
    if (op === 'remove') {
      list = list.filter(isPlainObject).map((item) => omitKey(item, sub.name)).filter((item) => !isUnassigned(item));
    } else {
      const coerced = coerceSingleValue(sub, value, label);
      if (list.length === 0 && coerced !== null) list = [{ [sub.name]: coerced }];
      else list.filter(isPlainObject).forEach((item) => setChecked(item, sub.name, sub, coerced, label));
    }
    return save();
  }

  // An extension's multi-valued attribute: the same operations on a list that is written back
  // at once (extension objects may be created and dropped around it).
  const values = new ValueList(definition, list);
  applyToValues(values, op, definition, value, hasValue, label);
  list = values.toArray();
  save();
}

/** add/replace/remove of whole values through the attribute's index. */
function applyIndexed(
  container: JsonObject,
  op: PatchOpName,
  name: string,
  definition: AttributeDefinition,
  value: unknown,
  hasValue: boolean,
  label: string,
  ctx: Context,
): void {
  if (op === 'replace' || (op === 'remove' && !(hasValue && value !== null && value !== undefined))) {
    // replace swaps the whole list (Okta sends the full member list, possibly empty); remove
    // without a value empties it. Neither needs the old values indexed.
    flushOne(ctx, container, name);
    const key = findKey(container, name);
    if (key !== undefined) delete container[key];
  }
  applyToValues(indexedList(ctx, container, name, definition), op, definition, value, hasValue, label);
}

function applyToValues(values: ValueList, op: PatchOpName, definition: AttributeDefinition, value: unknown, hasValue: boolean, label: string): void {
  if (op === 'remove') {
    // Entra's default member removal: {"op":"Remove","path":"members","value":[{"value":"id"}]}
    // removes just the listed values, not the whole attribute.
    if (hasValue && value !== null && value !== undefined) values.remove(coerceAttributeValue(definition, value, label) as unknown[]);
    return;
  }
  // null (or nothing left after coercion) adds nothing; for replace the list was emptied already.
  const items = coerceAttributeValue(definition, value, label);
  if (Array.isArray(items)) values.merge(items);
}

/** "x" of the filter `value eq "x"`, the one value filter the index answers. */
function valueEqualityText(filter: FilterNode): string | undefined {
  if (filter.kind !== 'comparison' || filter.operator !== 'eq' || filter.path.schema || filter.path.subAttribute) return undefined;
  if (filter.path.attribute.toLowerCase() !== 'value' || typeof filter.value !== 'string') return undefined;
  return filter.value;
}

/** `attr[filter]` and `attr[filter].sub` targets. */
function applyFiltered(
  list: unknown[],
  op: PatchOpName,
  definition: AttributeDefinition,
  path: PatchPath,
  value: unknown,
  label: string,
  ctx: Context,
): unknown[] {
  const filter = path.filter!;
  const matches = (item: unknown): item is JsonObject => isPlainObject(item) && matchesValueFilter(filter, item, definition, ctx);
  const subName = path.filterSubAttribute;
  const sub = subName ? findSubAttribute(definition, subName) : undefined;
  if (subName && !sub) {
    ctx.ignored.push(`${definition.name}[…].${subName}`);
    return list;
  }
  if (sub?.mutability === 'readOnly') {
    if (ctx.mode === 'input') return list;
    throw badRequest('mutability', `Attribute "${definition.name}.${sub.name}" is read-only`);
  }

  if (op === 'remove') {
    // RFC 7644 §3.5.2.2: remove the matched values; no match is simply nothing to remove.
    if (!sub) return list.filter((item) => !matches(item));
    return list
      .map((item) => (matches(item) ? omitKey(item, sub.name) : item))
      .filter((item) => !isUnassigned(item));
  }

  const matched = list.filter(matches);
  if (sub) {
    const coerced = coerceSingleValue(sub, value, `${definition.name}.${sub.name}`);
    if (matched.length === 0) {
      if (coerced === null) return list;
      // Entra replaces emails[type eq "work"].value on users that have no work email yet;
      // RFC 7644 says noTarget, but creating the value is what every IdP expects.
      const created = { ...templateFromFilter(filter, definition, label), [sub.name]: coerced };
      return mergeValues(list, [created], definition);
    }
    matched.forEach((item) => setChecked(item, sub.name, sub, coerced, `${definition.name}.${sub.name}`));
    enforceSinglePrimary(list, coerced === true && sub.name === 'primary' ? matched : []);
    return list;
  }

  const single = Array.isArray(value) && value.length === 1 ? value[0] : value;
  const coerced = coerceSingleValue(definition, single, label);
  if (coerced !== null && !isPlainObject(coerced)) {
    throw badRequest('invalidValue', `The value for "${label}" must be a single object`);
  }
  if (matched.length === 0) {
    if (coerced === null) return list;
    return mergeValues(list, [{ ...templateFromFilter(filter, definition, label), ...coerced }], definition);
  }
  if (coerced === null) return op === 'replace' ? list.filter((item) => !matches(item)) : list;
  const template = templateFromFilter(filter, definition, label, false);
  const updated = list.map((item) => {
    if (!matches(item)) return item;
    // replace swaps each matched value, keeping what the filter pinned (its type, say);
    // add merges the given sub-attributes into it.
    return op === 'replace' ? { ...template, ...coerced } : { ...item, ...coerced };
  });
  enforceSinglePrimary(updated, coerced.primary === true ? updated.filter((item) => matches(item)) : []);
  return updated;
}

function matchesValueFilter(filter: FilterNode, item: JsonObject, definition: AttributeDefinition, ctx: Context): boolean {
  return evaluateValueFilter(filter, item, definition, ctx.resourceType);
}

/**
 * The sub-attribute values an `eq` filter pins down (`type eq "work" and primary eq true`),
 * used to create the value a filtered add/replace targets when none exists yet.
 */
function templateFromFilter(filter: FilterNode, definition: AttributeDefinition, label: string, strict = true): JsonObject {
  const out: JsonObject = {};
  const visit = (node: FilterNode): boolean => {
    if (node.kind === 'and') return visit(node.left) && visit(node.right);
    if (node.kind === 'comparison' && node.operator === 'eq' && !node.path.subAttribute && node.value !== null) {
      const sub = findSubAttribute(definition, node.path.attribute);
      if (!sub) return false;
      const raw = typeof node.value === 'number' && sub.type === 'string' ? (node.rawValue ?? String(node.value)) : node.value;
      out[sub.name] = coerceSingleValue(sub, raw, `${definition.name}.${sub.name}`);
      return true;
    }
    return false;
  };
  if (!visit(filter)) {
    if (!strict) return {};
    throw badRequest('noTarget', `No value of "${label}" matches the filter, and the filter is too complex to create one from`);
  }
  return out;
}

/** Appends values, merging a value into an existing one that has the same identity. */
function mergeValues(list: unknown[], items: unknown[], definition: AttributeDefinition): unknown[] {
  const values = new ValueList(definition, list);
  values.merge(items);
  return values.toArray();
}

/** RFC 7643 §2.4: "primary" may be true on at most one value; the latest write wins. */
function enforceSinglePrimary(list: unknown[], preferred: JsonObject[]): void {
  const winner = preferred[preferred.length - 1];
  if (!winner) return;
  for (const item of list) {
    if (isPlainObject(item) && item !== winner && item.primary === true) item.primary = false;
  }
}

function omitKey(item: JsonObject, name: string): JsonObject {
  const key = findKey(item, name);
  if (key === undefined) return item;
  const { [key]: _removed, ...rest } = item;
  return rest;
}

function cleanup(resource: JsonObject, resolved: ResolvedAttribute): void {
  if (!resolved.extension) return;
  const ext = resource[resolved.schemaUrn];
  if (isPlainObject(ext) && isUnassigned(ext)) delete resource[resolved.schemaUrn];
}

/** Keeps `schemas` truthful and refuses a result without its required attribute. */
function finalize(resource: JsonObject, resourceType: ResourceTypeName): void {
  const schemas = [coreSchemaOf(resourceType)];
  for (const ext of extensionSchemasOf(resourceType)) {
    if (isPlainObject(resource[ext]) && !isUnassigned(resource[ext])) schemas.push(ext);
  }
  const schemasKey = findKey(resource, 'schemas');
  if (schemasKey !== undefined) delete resource[schemasKey];
  resource.schemas = schemas;

  // A group may grow past the members limit over several requests; other lists stay within the
  // limit a single request has, so reading and filtering a stored resource stays cheap too.
  for (const [name, value] of Object.entries(resource)) {
    if (name === 'schemas' || name === 'members' || !Array.isArray(value) || value.length <= MAX_VALUES_PER_ATTRIBUTE) continue;
    throw badRequest('tooMany', `${name} would have ${value.length} values after this request; at most ${MAX_VALUES_PER_ATTRIBUTE} are kept`);
  }

  const required = resourceType === 'User' ? 'userName' : 'displayName';
  const value = resource[required];
  if (typeof value !== 'string' || value.trim() === '') {
    throw badRequest('invalidValue', `Attribute "${required}" is required and cannot be removed or emptied`);
  }
}

function diff(before: JsonObject, after: JsonObject, ctx: Context): PatchChanges {
  const attributes = new Set<string>();
  const compareLevel = (a: JsonObject, b: JsonObject, prefix: string) => {
    const names = new Map<string, string>();
    for (const k of [...Object.keys(a), ...Object.keys(b)]) if (!names.has(k.toLowerCase())) names.set(k.toLowerCase(), k);
    for (const [lower, name] of names) {
      if (lower === 'schemas') continue;
      if (!prefix && lower === SCHEMA_ENTERPRISE_USER.toLowerCase()) {
        const ea = getInsensitive(a, name);
        const eb = getInsensitive(b, name);
        compareLevel(isPlainObject(ea) ? ea : {}, isPlainObject(eb) ? eb : {}, `${SCHEMA_ENTERPRISE_USER}:`);
        continue;
      }
      if (!deepEqual(getInsensitive(a, name), getInsensitive(b, name))) {
        attributes.add(`${prefix}${resolveAttribute(ctx.resourceType, undefined, name).name}`);
      }
    }
  };
  compareLevel(before, after, '');

  const changes: PatchChanges = { changed: attributes.size > 0, attributes: [...attributes], ignored: ctx.ignored };

  if (ctx.resourceType === 'User') {
    const oldActive = asBoolean(getInsensitive(before, 'active'));
    const newActive = asBoolean(after.active);
    if (oldActive !== newActive) changes.active = { old: oldActive, new: newActive };
  }
  const oldName = getInsensitive(before, 'displayName');
  const newName = after.displayName;
  if (oldName !== newName) {
    changes.displayName = {
      old: typeof oldName === 'string' ? oldName : undefined,
      new: typeof newName === 'string' ? newName : undefined,
    };
  }
  if (ctx.resourceType === 'Group') {
    const oldMembers = memberIds(getInsensitive(before, 'members'));
    const newMembers = memberIds(after.members);
    const added = [...newMembers].filter((id) => !oldMembers.has(id));
    const removed = [...oldMembers].filter((id) => !newMembers.has(id));
    if (added.length > 0 || removed.length > 0) changes.members = { added, removed };
  }
  return changes;
}

function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  return undefined;
}

function memberIds(members: unknown): Set<string> {
  const ids = new Set<string>();
  if (!Array.isArray(members)) return ids;
  for (const member of members) {
    const value = isPlainObject(member) ? getInsensitive(member, 'value') : member;
    if (typeof value === 'string') ids.add(value);
  }
  return ids;
}

/**
 * Builds a canonical resource from a POST/PUT body by "adding" each of its attributes to an
 * empty resource, so bodies get exactly the same name, type and URN handling as PATCH.
 * Keys that cannot be attribute paths at all are reported as ignored, like unknown names.
 */
export function buildResourceFromInput(body: JsonObject, resourceType: ResourceTypeName): { resource: JsonObject; ignored: string[] } {
  const ctx = newContext(resourceType, 'input');
  const resource: JsonObject = {};
  for (const [key, value] of Object.entries(body)) {
    const lower = key.toLowerCase();
    // The server owns id, meta and schemas; clients may echo them back on PUT.
    if (lower === 'schemas' || lower === 'id' || lower === 'meta') continue;
    const path = parseKey(key, ctx);
    if (path) applyAtPath(resource, 'add', path, value, true, ctx);
  }
  flush(ctx);
  const schemas = [coreSchemaOf(resourceType)];
  for (const ext of extensionSchemasOf(resourceType)) {
    if (isPlainObject(resource[ext]) && !isUnassigned(resource[ext])) schemas.push(ext);
  }
  return { resource: { schemas, ...resource }, ignored: ctx.ignored };
}
