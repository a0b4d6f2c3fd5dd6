import { KNOWN_SCHEMA_URNS, SCHEMA_ENTERPRISE_USER, SCHEMA_GROUP, SCHEMA_USER } from './constants.js';
import {
  COMMON_ATTRIBUTES,
  ENTERPRISE_USER_ATTRIBUTES,
  GROUP_ATTRIBUTES,
  USER_ATTRIBUTES,
  type AttributeDefinition,
  type ResourceTypeName,
} from './schema-definitions.js';

export interface ResolvedAttribute {
  /** Canonical URN of the schema that owns the attribute. */
  schemaUrn: string;
  /** True when the attribute lives in `resource[schemaUrn]` rather than at the top level. */
  extension: boolean;
  /** Canonical camelCase name for known attributes, the name as written otherwise. */
  name: string;
  definition?: AttributeDefinition;
}

const CORE_SCHEMA: Record<ResourceTypeName, string> = { User: SCHEMA_USER, Group: SCHEMA_GROUP };
const CORE_ATTRIBUTES: Record<ResourceTypeName, AttributeDefinition[]> = { User: USER_ATTRIBUTES, Group: GROUP_ATTRIBUTES };

export function coreSchemaOf(resourceType: ResourceTypeName): string {
  return CORE_SCHEMA[resourceType];
}

// Lookups by lower-case name, built once per definition list: names are resolved for every
// value of every multi-valued attribute, so a scan of the list each time adds up.
const BY_NAME = new WeakMap<readonly AttributeDefinition[], Map<string, AttributeDefinition>>();

export function findDefinition(definitions: readonly AttributeDefinition[] | undefined, name: string): AttributeDefinition | undefined {
  if (!definitions) return undefined;
  let byName = BY_NAME.get(definitions);
  if (!byName) {
    byName = new Map();
    for (const d of definitions) if (!byName.has(d.name.toLowerCase())) byName.set(d.name.toLowerCase(), d);
    BY_NAME.set(definitions, byName);
  }
  return byName.get(name.toLowerCase());
}

export function findSubAttribute(parent: AttributeDefinition | undefined, name: string): AttributeDefinition | undefined {
  return findDefinition(parent?.subAttributes, name);
}

/** Maps a URN written in any case to its canonical spelling; unknown URNs are returned as given. */
export function canonicalSchemaUrn(urn: string): string {
  const lower = urn.toLowerCase();
  return KNOWN_SCHEMA_URNS.find((known) => known.toLowerCase() === lower) ?? urn;
}

/** Extension schemas a resource type accepts (the enterprise extension for Users). */
export function extensionSchemasOf(resourceType: ResourceTypeName): string[] {
  return resourceType === 'User' ? [SCHEMA_ENTERPRISE_USER] : [];
}

/**
 * Finds where an attribute lives and how it is defined. Without a URN the core schema (and
 * the common attributes) are tried first, then the enterprise extension: RFC 7644 §3.10 lets
 * clients omit only the core URN, but some IdPs also omit the extension URN, and an
 * unambiguous extension-only name such as "department" can only mean one thing.
 */
export function resolveAttribute(
  resourceType: ResourceTypeName | undefined,
  schema: string | undefined,
  attribute: string,
): ResolvedAttribute {
  const types: ResourceTypeName[] = resourceType ? [resourceType] : ['User', 'Group'];
  const common = findDefinition(COMMON_ATTRIBUTES, attribute);

  if (schema !== undefined) {
    const urn = canonicalSchemaUrn(schema);
    const coreType = types.find((t) => CORE_SCHEMA[t] === urn);
    if (coreType) {
      const def = common ?? findDefinition(CORE_ATTRIBUTES[coreType], attribute);
      return { schemaUrn: urn, extension: false, name: def?.name ?? attribute, ...(def ? { definition: def } : {}) };
    }
    if (urn === SCHEMA_ENTERPRISE_USER && types.includes('User')) {
      const def = findDefinition(ENTERPRISE_USER_ATTRIBUTES, attribute);
      return { schemaUrn: urn, extension: true, name: def?.name ?? attribute, ...(def ? { definition: def } : {}) };
    }
    return { schemaUrn: urn, extension: true, name: attribute };
  }

  if (common) return { schemaUrn: CORE_SCHEMA[types[0]!], extension: false, name: common.name, definition: common };
  for (const type of types) {
    const def = findDefinition(CORE_ATTRIBUTES[type], attribute);
    if (def) return { schemaUrn: CORE_SCHEMA[type], extension: false, name: def.name, definition: def };
  }
  if (types.includes('User')) {
    const def = findDefinition(ENTERPRISE_USER_ATTRIBUTES, attribute);
    if (def) return { schemaUrn: SCHEMA_ENTERPRISE_USER, extension: true, name: def.name, definition: def };
  }
  return { schemaUrn: CORE_SCHEMA[types[0]!], extension: false, name: attribute };
}

// Every attribute and sub-attribute name we define, keyed by lower case, so paths in a
// filter can be canonicalised before the resource type is known.
const CANONICAL_NAMES = new Map<string, string>();
function collect(definitions: readonly AttributeDefinition[]): void {
  for (const def of definitions) {
    CANONICAL_NAMES.set(def.name.toLowerCase(), def.name);
    if (def.subAttributes) collect(def.subAttributes);
  }
}
collect(COMMON_ATTRIBUTES);
collect(USER_ATTRIBUTES);
collect(ENTERPRISE_USER_ATTRIBUTES);
collect(GROUP_ATTRIBUTES);

export function canonicalAttributeName(name: string): string {
  return CANONICAL_NAMES.get(name.toLowerCase()) ?? name;
}
