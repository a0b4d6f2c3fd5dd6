// Schema and message URNs from RFC 7643 §8.7 and RFC 7644 §3. Kept in one place so the
// parser, the PATCH engine and the discovery documents can never disagree on spelling.
export const SCHEMA_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const SCHEMA_ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const SCHEMA_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const SCHEMA_SERVICE_PROVIDER_CONFIG = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
export const SCHEMA_RESOURCE_TYPE = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
export const SCHEMA_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema';

export const MESSAGE_LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const MESSAGE_PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const MESSAGE_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const MESSAGE_SEARCH_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
export const MESSAGE_BULK_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
export const MESSAGE_BULK_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:BulkResponse';

// Every schema URN this library knows how to address in a path; used to split
// "urn:...:2.0:User:name.givenName" correctly even though the URN itself contains dots.
export const KNOWN_SCHEMA_URNS: readonly string[] = [
  SCHEMA_USER,
  SCHEMA_ENTERPRISE_USER,
  SCHEMA_GROUP,
  SCHEMA_SERVICE_PROVIDER_CONFIG,
  SCHEMA_RESOURCE_TYPE,
  SCHEMA_SCHEMA,
];

export const SCIM_CONTENT_TYPE = 'application/scim+json';

// Defaults for list paging (RFC 7644 §3.4.2.4 leaves both to the service provider).
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;
