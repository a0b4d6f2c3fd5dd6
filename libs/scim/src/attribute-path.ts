import { KNOWN_SCHEMA_URNS } from './constants.js';
import { canonicalAttributeName, canonicalSchemaUrn } from './attribute-resolver.js';

/**
 * `[URI ":"] ATTRNAME ["." subAttr]` from RFC 7644 §3.4.2.2. An empty `attribute` means the
 * path named a schema URN on its own (the whole extension object, valid only in PATCH).
 */
export interface AttributePath {
  schema?: string;
  attribute: string;
  subAttribute?: string;
}

// ATTRNAME = ALPHA *(nameChar); "$ref" is the one reserved name that starts with "$".
const ATTR_NAME = /^(?:\$ref|[A-Za-z][A-Za-z0-9_-]*)$/i;

// Longest first, so a URN that prefixes another can never steal its attributes.
const URNS_LONGEST_FIRST = [...KNOWN_SCHEMA_URNS].sort((a, b) => b.length - a.length);

export type PathFailure = (message: string, offset: number) => never;

/**
 * Splits and canonicalises a path. The URN is matched against known schemas first because
 * URNs themselves contain dots ("...:2.0:User"), so a naive split would cut them apart.
 */
export function parseAttributePathText(text: string, fail: PathFailure): AttributePath {
  let schema: string | undefined;
  let rest = text;
  let restOffset = 0;

  if (/^urn:/i.test(text)) {
    const lower = text.toLowerCase();
    const known = URNS_LONGEST_FIRST.find((urn) => lower === urn.toLowerCase() || lower.startsWith(`${urn.toLowerCase()}:`));
    if (known) {
      if (lower === known.toLowerCase()) return { schema: known, attribute: '' };
      schema = known;
      restOffset = known.length + 1;
    } else {
      const colon = text.lastIndexOf(':');
      schema = canonicalSchemaUrn(text.slice(0, colon));
      restOffset = colon + 1;
    }
    rest = text.slice(restOffset);
  }

  const parts = rest.split('.');
  if (parts.length > 2) fail(`"${text}" has more than one sub-attribute level`, restOffset);
  const [attribute = '', subAttribute] = parts;
  if (!ATTR_NAME.test(attribute)) fail(`"${attribute}" is not a valid attribute name`, restOffset);
  if (subAttribute !== undefined && !ATTR_NAME.test(subAttribute)) {
    fail(`"${subAttribute}" is not a valid sub-attribute name`, restOffset + attribute.length + 1);
  }

  const path: AttributePath = { attribute: canonicalAttributeName(attribute) };
  if (schema !== undefined) path.schema = schema;
  if (subAttribute !== undefined) path.subAttribute = canonicalAttributeName(subAttribute);
  return path;
}

export function formatAttributePath(path: AttributePath): string {
  const local = path.subAttribute ? `${path.attribute}.${path.subAttribute}` : path.attribute;
  if (!path.schema) return local;
  return local ? `${path.schema}:${local}` : path.schema;
}
