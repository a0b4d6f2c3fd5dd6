// The values templates are filled from. The same context type serves real provisioning calls
// (built by the API from the incoming SCIM request) and Preview / live tests (built from the
// defaults below, optionally merged with the admin's context JSON).
import { coerceActive, isPlainObject } from './coerce.js';
import { SampleContextError } from './errors.js';
import type { CapabilityKey, PlaceholderValues } from './types.js';

export interface MappingContext {
  /** The SCIM user resource (userName, name, displayName, emails, active, ...). */
  scim_user?: Record<string, unknown>;
  /** The SCIM PatchOp body, when the operation came from a PATCH. */
  scim_patch?: Record<string, unknown>;
  /** Member user ids in the downstream app. */
  member_ids?: readonly (string | number)[];
  /** The downstream user id stored after create. */
  integration_user_id?: string;
  group_id?: string;
  group_name?: string;
  group_description?: string;
}

/** A context with every value present, as produced by the sample helpers. */
export interface SampleContext extends MappingContext {
  scim_user: Record<string, unknown>;
  scim_patch: Record<string, unknown>;
  member_ids: string[];
  integration_user_id: string;
  group_id: string;
  group_name: string;
  group_description: string;
}

const SCIM_USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

const SAMPLE_USER_ID = '10001';
const SAMPLE_MEMBER_IDS = ['10001', '10002'];
const SAMPLE_GROUP_NAME = 'Engineering';

function sampleUser(operation: CapabilityKey): Record<string, unknown> {
  return {
    schemas: [SCIM_USER_SCHEMA],
    externalId: 'idp-0001',
    userName: 'jane.doe@example.com',
    name: { givenName: 'Jane', familyName: 'Doe', formatted: 'Jane Doe' },
    displayName: 'Jane Doe',
    emails: [{ value: 'jane.doe@example.com', type: 'work', primary: true }],
    // The update_user sample mirrors its default patch (a deactivation), so a Preview of the
    // documented `{"active":{scim_user_active}}` body shows what the IdP's PATCH would send.
    active: operation !== 'update_user',
  };
}

function samplePatch(operation: CapabilityKey): Record<string, unknown> {
  switch (operation) {
    case 'update_user':
      return { schemas: [PATCH_SCHEMA], Operations: [{ op: 'replace', path: 'active', value: false }] };
    case 'update_group_members':
      return {
        schemas: [PATCH_SCHEMA],
        Operations: [{ op: 'add', path: 'members', value: SAMPLE_MEMBER_IDS.map((value) => ({ value })) }],
      };
    case 'update_group_name':
      return { schemas: [PATCH_SCHEMA], Operations: [{ op: 'replace', path: 'displayName', value: SAMPLE_GROUP_NAME }] };
    default:
      return { schemas: [PATCH_SCHEMA], Operations: [] };
  }
}

/** Built-in samples for an operation: every placeholder has a realistic, non-empty value. */
export function defaultSampleContext(operation: CapabilityKey): SampleContext {
  return {
    scim_user: sampleUser(operation),
    scim_patch: samplePatch(operation),
    member_ids: [...SAMPLE_MEMBER_IDS],
    integration_user_id: SAMPLE_USER_ID,
    group_id: '20001',
    group_name: SAMPLE_GROUP_NAME,
    group_description: 'Engineering team',
  };
}

const OVERRIDE_KEYS = ['integration_user_id', 'group_id', 'group_name', 'group_description'] as const;

/**
 * Merges admin-supplied context (JSON text, an object, or nothing) over the defaults:
 * `scim_user` and `scim_patch` shallowly, `member_ids` replaces, the id/name keys override,
 * unknown keys are ignored. Empty or whitespace-only text means "use the defaults".
 * Throws SampleContextError (path `context...`) for invalid JSON or a known key of the wrong type.
 */
export function mergeSampleContext(operation: CapabilityKey, input: string | object | undefined | null): SampleContext {
  const context = defaultSampleContext(operation);
  let overrides: unknown = input;
  if (typeof input === 'string') {
    if (input.trim() === '') return context;
    try {
      overrides = JSON.parse(input);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new SampleContextError('context', `context is not valid JSON (${detail}); fix it or leave it empty to use the defaults`);
    }
  }
  if (overrides === undefined || overrides === null) return context;
  if (!isPlainObject(overrides)) {
    throw new SampleContextError('context', 'context must be a JSON object such as {"group_id": "42"}');
  }

  if (overrides.scim_user !== undefined) {
    if (!isPlainObject(overrides.scim_user)) throw new SampleContextError('context.scim_user', 'scim_user must be an object');
    context.scim_user = { ...context.scim_user, ...overrides.scim_user };
  }
  if (overrides.scim_patch !== undefined) {
    if (!isPlainObject(overrides.scim_patch)) throw new SampleContextError('context.scim_patch', 'scim_patch must be an object');
    context.scim_patch = { ...context.scim_patch, ...overrides.scim_patch };
  }
  if (overrides.member_ids !== undefined) {
    if (!Array.isArray(overrides.member_ids)) {
      throw new SampleContextError('context.member_ids', 'member_ids must be an array of strings or numbers');
    }
    context.member_ids = overrides.member_ids.map((id, index) => {
      if (typeof id === 'string') return id;
      if (typeof id === 'number' && Number.isFinite(id)) return String(id);
      throw new SampleContextError(`context.member_ids[${index}]`, 'each member id must be a string or a number');
    });
  }
  for (const key of OVERRIDE_KEYS) {
    const value = overrides[key];
    if (value === undefined) continue;
    if (typeof value === 'string') context[key] = value;
    else if (typeof value === 'number' && Number.isFinite(value)) context[key] = String(value);
    else throw new SampleContextError(`context.${key}`, `${key} must be a string or a number`);
  }
  return context;
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

const EMAIL_LIKE = /^[^\s@]+@[^\s@]+$/;

/** The SCIM primary email: emails[primary=true], else the first email, else userName if it looks like one. */
export function primaryEmail(user: Record<string, unknown> | undefined): string {
  const emails = Array.isArray(user?.emails) ? user.emails.filter(isPlainObject) : [];
  const chosen = emails.find((e) => coerceActive(e.primary) === true) ?? emails[0];
  const fromList = chosen ? text(chosen.value) : '';
  if (fromList) return fromList;
  const userName = text(user?.userName);
  return EMAIL_LIKE.test(userName) ? userName : '';
}

/**
 * Every placeholder's value as text. Missing context parts give "" (empty lists give "[]" / ""),
 * except scim_user_active, which is "true" unless the user says otherwise: SCIM treats a user
 * without an explicit active flag as active.
 */
export function placeholderValues(context: MappingContext): PlaceholderValues {
  const user = context.scim_user ?? {};
  const name = isPlainObject(user.name) ? user.name : {};
  const given = text(name.givenName);
  const family = text(name.familyName);
  const displayName = text(user.displayName) || text(name.formatted) || [given, family].filter(Boolean).join(' ');
  const memberIds = (context.member_ids ?? []).map((id) => String(id));
  return {
    scim_user_email: primaryEmail(user),
    scim_user_username: text(user.userName),
    scim_user_display_name: displayName,
    scim_user_given_name: given,
    scim_user_family_name: family,
    scim_user_active: coerceActive(user.active) === false ? 'false' : 'true',
    scim_user_json: JSON.stringify(user),
    scim_patch_json: JSON.stringify(context.scim_patch ?? {}),
    integration_user_id: context.integration_user_id ?? '',
    group_id: context.group_id ?? '',
    group_name: context.group_name ?? '',
    group_description: context.group_description ?? '',
    member_ids_json: JSON.stringify(memberIds),
    member_ids_csv: memberIds.join(','),
  };
}
