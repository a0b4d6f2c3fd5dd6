// Configuration types for Custom HTTP connectors. Key names are a public contract (they are what
// customers paste into the Capabilities and Mappings editors), so they stay snake_case exactly as
// documented even where TypeScript style would prefer camelCase.

/** Every operation a connector may support, in the documented order. */
export const CAPABILITY_KEYS = [
  'create_user',
  'get_user',
  'update_user',
  'delete_user',
  'list_users',
  'create_group',
  'get_group',
  'update_group_members',
  'update_group_name',
  'delete_group',
  'list_groups',
] as const;
export type CapabilityKey = (typeof CAPABILITY_KEYS)[number];
/** Mapping keys are the same names as capability keys. */
export type OperationName = CapabilityKey;

export type Capabilities = Partial<Record<CapabilityKey, boolean>>;

export const USER_OPERATIONS = ['create_user', 'get_user', 'update_user', 'list_users'] as const;
export type UserOperation = (typeof USER_OPERATIONS)[number];
export const GROUP_OPERATIONS = ['create_group', 'get_group', 'update_group_name', 'list_groups'] as const;
export type GroupOperation = (typeof GROUP_OPERATIONS)[number];
/** Operations whose success body is not read, so they must not map response fields. */
export const NO_RESPONSE_OPERATIONS = ['delete_user', 'delete_group', 'update_group_members'] as const;
export type NoResponseOperation = (typeof NO_RESPONSE_OPERATIONS)[number];
export const LIST_OPERATIONS = ['list_users', 'list_groups'] as const;
export type ListOperation = (typeof LIST_OPERATIONS)[number];

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export const BODY_KINDS = ['none', 'json', 'xml'] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

/** Placeholders a template may use; anything else between braces that looks like a name is refused. */
export const PLACEHOLDER_NAMES = [
  'scim_user_email',
  'scim_user_username',
  'scim_user_display_name',
  'scim_user_given_name',
  'scim_user_family_name',
  'scim_user_active',
  'scim_user_json',
  'scim_patch_json',
  'integration_user_id',
  'group_id',
  'group_name',
  'group_description',
  'member_ids_json',
  'member_ids_csv',
] as const;
export type PlaceholderName = (typeof PLACEHOLDER_NAMES)[number];
export type PlaceholderValues = Record<PlaceholderName, string>;

export const USER_RESPONSE_FIELD_KEYS = ['id', 'userName', 'email', 'displayName', 'active'] as const;
export type UserResponseFieldKey = (typeof USER_RESPONSE_FIELD_KEYS)[number];
export const GROUP_RESPONSE_FIELD_KEYS = ['id', 'name', 'displayName', 'description', 'slug', 'member_count'] as const;
export type GroupResponseFieldKey = (typeof GROUP_RESPONSE_FIELD_KEYS)[number];
/** Path to the array of elements in a list response; `""` means the body itself is the array. */
export const ITEMS_KEY = 'items';

/** Response field paths for create_user, get_user and update_user. */
export type UserResponseFields = { id: string } & Partial<Record<Exclude<UserResponseFieldKey, 'id'>, string>>;
/** list_users: `items` locates the array, the other paths are relative to one element. */
export type UserListResponseFields = UserResponseFields & { items: string };
/** create_group and update_group_name (get_group additionally requires `name`). */
export type GroupResponseFields = { id: string } & Partial<Record<Exclude<GroupResponseFieldKey, 'id'>, string>>;
/** list_groups: `items` locates the array; `id` and `name` are required per element. */
export type GroupListResponseFields = GroupResponseFields & { name: string; items: string };
/** The loose shape stored on a mapping; which keys are allowed depends on the operation. */
export type ResponseFields = Partial<Record<UserResponseFieldKey | GroupResponseFieldKey | typeof ITEMS_KEY, string>>;

/** How one operation becomes one outbound HTTP request, and how its answer is read. */
export interface OperationMapping {
  http_method: HttpMethod;
  url_template: string;
  query_params?: Record<string, string>;
  /** Missing means `none`. */
  body_kind?: BodyKind;
  body_template?: string;
  content_type?: string;
  headers?: Record<string, string>;
  success_status?: number[];
  response_fields?: ResponseFields;
  error_message_path?: string;
}

export const MAPPING_FIELDS = [
  'http_method',
  'url_template',
  'query_params',
  'body_kind',
  'body_template',
  'content_type',
  'headers',
  'success_status',
  'response_fields',
  'error_message_path',
] as const;

export type Mappings = Partial<Record<CapabilityKey, OperationMapping>>;

// Auth: only non-secret settings live here; the secret is always stored separately (api_token).
export const AUTH_TYPES = ['bearer', 'api_key_header', 'basic', 'oauth2_client_credentials'] as const;
export type AuthType = (typeof AUTH_TYPES)[number];

export interface BearerAuth {
  type: 'bearer';
}
export interface ApiKeyHeaderAuth {
  type: 'api_key_header';
  api_key_header_name: string;
}
export interface BasicAuth {
  type: 'basic';
  basic_username: string;
}
export interface OAuth2ClientCredentialsAuth {
  type: 'oauth2_client_credentials';
  oauth_token_url: string;
  oauth_client_id: string;
  oauth_scope?: string;
  oauth_audience?: string;
}
export type AuthConfig = BearerAuth | ApiKeyHeaderAuth | BasicAuth | OAuth2ClientCredentialsAuth;

export interface ConnectorConfig {
  auth?: AuthConfig;
  capabilities: Capabilities;
  mappings: Mappings;
}

/** One problem found by validation; `path` is dotted (`mappings.create_user.url_template`), array indexes as `[0]`. */
export interface ValidationIssue {
  path: string;
  message: string;
}

export interface ResolvedUser {
  id: string;
  userName?: string;
  email?: string;
  displayName?: string;
  active?: boolean;
}

export interface ResolvedGroup {
  id: string;
  name?: string;
  displayName?: string;
  description?: string;
  slug?: string;
  member_count?: number;
}

/** What readResponse returns for an operation; operations without response fields read nothing. */
export type ReadResult<O extends CapabilityKey> = O extends 'list_users'
  ? ResolvedUser[]
  : O extends UserOperation
    ? ResolvedUser
    : O extends 'list_groups'
      ? ResolvedGroup[]
      : O extends GroupOperation
        ? ResolvedGroup
        : null;

export function isCapabilityKey(value: unknown): value is CapabilityKey {
  return typeof value === 'string' && (CAPABILITY_KEYS as readonly string[]).includes(value);
}
export function isPlaceholderName(value: string): value is PlaceholderName {
  return (PLACEHOLDER_NAMES as readonly string[]).includes(value);
}
export function isUserOperation(op: CapabilityKey): op is UserOperation {
  return (USER_OPERATIONS as readonly string[]).includes(op);
}
export function isGroupOperation(op: CapabilityKey): op is GroupOperation {
  return (GROUP_OPERATIONS as readonly string[]).includes(op);
}
export function isListOperation(op: CapabilityKey): op is ListOperation {
  return op === 'list_users' || op === 'list_groups';
}
export function readsResponseBody(op: CapabilityKey): op is UserOperation | GroupOperation {
  return isUserOperation(op) || isGroupOperation(op);
}

/** Keys allowed under response_fields for an operation (empty for operations that read nothing). */
export function allowedResponseFieldKeys(op: CapabilityKey): readonly string[] {
  const base: readonly string[] = isUserOperation(op)
    ? USER_RESPONSE_FIELD_KEYS
    : isGroupOperation(op)
      ? GROUP_RESPONSE_FIELD_KEYS
      : [];
  return isListOperation(op) ? [ITEMS_KEY, ...base] : base;
}

/** Keys that must be mapped for an operation. */
export function requiredResponseFieldKeys(op: CapabilityKey): readonly string[] {
  if (!readsResponseBody(op)) return [];
  const keys = ['id'];
  if (op === 'get_group' || op === 'list_groups') keys.push('name');
  if (isListOperation(op)) keys.unshift(ITEMS_KEY);
  return keys;
}
