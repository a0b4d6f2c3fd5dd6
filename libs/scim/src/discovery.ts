import {
  MAX_PAGE_SIZE,
  SCHEMA_RESOURCE_TYPE,
  SCHEMA_SCHEMA,
  SCHEMA_SERVICE_PROVIDER_CONFIG,
} from './constants.js';
import { deepClone } from './json-utils.js';
import {
  ENTERPRISE_USER_SCHEMA,
  GROUP_SCHEMA,
  RESOURCE_TYPES,
  USER_SCHEMA,
  type AttributeDefinition,
  type SchemaDefinition,
} from './schema-definitions.js';

// Discovery documents of RFC 7644 §4 / RFC 7643 §5-7. They describe only what this library
// really implements: filtering and PATCH yes; bulk, sort, ETags and password changes no.

export interface ServiceProviderConfigOptions {
  baseUrl: string;
  /** Upper bound on results per page; should match parsePagination's maxCount. */
  maxResults?: number;
  documentationUri?: string;
  /** Where customers read how to create the bearer token for their IdP. */
  authenticationDocumentationUri?: string;
}

export interface DiscoveryMeta {
  resourceType: string;
  location: string;
}

function trimBase(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}

export function serviceProviderConfig(options: ServiceProviderConfigOptions) {
  const base = trimBase(options.baseUrl);
  return {
    schemas: [SCHEMA_SERVICE_PROVIDER_CONFIG],
    ...(options.documentationUri ? { documentationUri: options.documentationUri } : {}),
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: options.maxResults ?? MAX_PAGE_SIZE },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description: 'Authentication scheme using the OAuth Bearer Token Standard',
        specUri: 'https://www.rfc-editor.org/info/rfc6750',
        ...(options.authenticationDocumentationUri ? { documentationUri: options.authenticationDocumentationUri } : {}),
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${base}/ServiceProviderConfig` } satisfies DiscoveryMeta,
  };
}

export interface ResourceTypeDocument {
  schemas: string[];
  id: string;
  name: string;
  endpoint: string;
  description: string;
  schema: string;
  schemaExtensions: Array<{ schema: string; required: boolean }>;
  meta: DiscoveryMeta;
}

/** User first: Microsoft's reference tests expect Resources[0].endpoint to be "/Users". */
export function resourceTypes(baseUrl: string): ResourceTypeDocument[] {
  const base = trimBase(baseUrl);
  return [RESOURCE_TYPES.User, RESOURCE_TYPES.Group].map((type) => ({
    schemas: [SCHEMA_RESOURCE_TYPE],
    id: type.name,
    name: type.name,
    endpoint: type.endpoint,
    description: type.description,
    schema: type.schema.id,
    // The enterprise extension is optional: Okta and Entra only send it when mapped.
    schemaExtensions: type.extensions.map((ext) => ({ schema: ext.id, required: false })),
    meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/${type.name}` },
  }));
}

export interface SchemaDocument {
  schemas: string[];
  id: string;
  name: string;
  description: string;
  attributes: AttributeDefinition[];
  meta: DiscoveryMeta;
}

/** Full attribute definitions for User, EnterpriseUser and Group. */
export function schemas(baseUrl = ''): SchemaDocument[] {
  const base = trimBase(baseUrl);
  return [USER_SCHEMA, ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA].map((schema: SchemaDefinition) => ({
    schemas: [SCHEMA_SCHEMA],
    id: schema.id,
    name: schema.name,
    description: schema.description,
    // Cloned so a caller decorating the document cannot alter the definitions we enforce.
    attributes: deepClone(schema.attributes),
    meta: { resourceType: 'Schema', location: `${base}/Schemas/${schema.id}` },
  }));
}
