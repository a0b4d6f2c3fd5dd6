// Validation problems (from the engine in the browser, or the API's 400 details) carry dotted
// paths such as `mappings.create_user.response_fields.id`; these functions say where on the
// instance page each one belongs: which tab, which operation, which field.
import { CAPABILITY_KEYS, MAPPING_FIELDS, isCapabilityKey, type CapabilityKey } from '@gatehouse/mapping';

export const CONNECTOR_TABS = ['settings', 'capabilities', 'mappings', 'preview', 'scim', 'import', 'activity'] as const;
export type ConnectorTab = (typeof CONNECTOR_TABS)[number];

export type Problem = { path: string; message: string };

export type ProblemPlace = {
  tab: ConnectorTab;
  /** The operation a capability or mapping problem concerns. */
  operation?: CapabilityKey;
  /** Settings: the field (`name`, `auth.oauth_token_url`); mappings: the mapping field (`response_fields`). */
  field?: string;
  /** Inside a mapping field: the header, query parameter or response field name, or a list position. */
  item?: string;
};

const PREVIEW_FIELDS = ['operation', 'context', 'sampleResponse', 'acknowledgeSideEffects', 'mode'];

/** The mapping field a path inside one mapping starts with, and what follows it. */
function splitMappingPath(rest: string): { field?: string; item?: string } {
  if (rest === '') return {};
  const field = MAPPING_FIELDS.find((f) => rest === f || rest.startsWith(`${f}.`) || rest.startsWith(`${f}[`));
  if (!field) return { field: rest.split(/[.[]/)[0] };
  const tail = rest.slice(field.length);
  if (tail === '') return { field };
  if (tail.startsWith('.')) return { field, item: tail.slice(1) };
  const index = /^\[(\d+)\]/.exec(tail);
  return { field, item: index ? index[1] : tail };
}

export function locateProblem(path: string): ProblemPlace {
  const [head = '', ...restParts] = path.split('.');
  const rest = restParts.join('.');
  if (head === 'capabilities') {
    return { tab: 'capabilities', ...(isCapabilityKey(rest) ? { operation: rest } : {}) };
  }
  if (head === 'mappings') {
    const opEnd = rest.indexOf('.');
    const op = opEnd === -1 ? rest : rest.slice(0, opEnd);
    if (!isCapabilityKey(op)) return { tab: 'mappings' };
    return { tab: 'mappings', operation: op, ...splitMappingPath(opEnd === -1 ? '' : rest.slice(opEnd + 1)) };
  }
  if (PREVIEW_FIELDS.includes(head.replace(/\[.*$/, ''))) return { tab: 'preview', field: path };
  return { tab: 'settings', field: path };
}

/** How many problems each tab holds. */
export function problemCountsByTab(problems: readonly Problem[]): Partial<Record<ConnectorTab, number>> {
  const out: Partial<Record<ConnectorTab, number>> = {};
  for (const p of problems) {
    const { tab } = locateProblem(p.path);
    out[tab] = (out[tab] ?? 0) + 1;
  }
  return out;
}

/** How many mapping problems each operation has (for the operation picker of the form view). */
export function problemCountsByOperation(problems: readonly Problem[]): Partial<Record<CapabilityKey, number>> {
  const out: Partial<Record<CapabilityKey, number>> = {};
  for (const p of problems) {
    const place = locateProblem(p.path);
    if (place.tab === 'mappings' && place.operation) out[place.operation] = (out[place.operation] ?? 0) + 1;
  }
  return out;
}

/**
 * The messages of one operation's mapping, keyed where the form shows them: `''` for the mapping
 * as a whole, a field name (`url_template`), or field and item (`headers.X-Org`,
 * `response_fields.id`). List positions are folded into their field, named in the message.
 */
export function mappingMessages(problems: readonly Problem[], operation: CapabilityKey): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const add = (key: string, message: string) => (out[key] ??= []).push(message);
  for (const p of problems) {
    const place = locateProblem(p.path);
    if (place.tab !== 'mappings' || place.operation !== operation) continue;
    if (!place.field) add('', p.message);
    else if (place.item === undefined) add(place.field, p.message);
    else if (/^\d+$/.test(place.item) && p.path.endsWith(`[${place.item}]`)) add(place.field, `item ${Number(place.item) + 1}: ${p.message}`);
    else add(`${place.field}.${place.item}`, p.message);
  }
  return out;
}

/** Messages for the capabilities form: per capability key, plus `''` for the object as a whole or unknown keys. */
export function capabilityMessages(problems: readonly Problem[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const p of problems) {
    if (!p.path.startsWith('capabilities')) continue;
    const key = p.path.slice('capabilities.'.length);
    const at = (CAPABILITY_KEYS as readonly string[]).includes(key) ? key : '';
    (out[at] ??= []).push(at === '' && key ? `${key}: ${p.message}` : p.message);
  }
  return out;
}

/** Settings messages by field path (`name`, `auth.type`, `auth.basic_username`, `api_token`). */
export function settingsMessages(problems: readonly Problem[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of problems) {
    const place = locateProblem(p.path);
    if (place.tab === 'settings' && place.field) out[place.field] ??= p.message;
  }
  return out;
}
