import { badRequest, type ScimError } from './errors.js';

// Size limits of one SCIM request. They keep every request's work bounded (the values of a
// multi-valued attribute are merged through an index, so the cost grows with these numbers
// linearly) and are listed in /ServiceProviderConfig and docs/scim.md.

/** Values of one multi-valued attribute (emails, phoneNumbers, roles...) one request may carry. */
export const MAX_VALUES_PER_ATTRIBUTE = 1000;

/**
 * Group members one request may carry: the members of a POST/PUT body, or the values of all
 * PATCH operations on members together. A group may hold more, added over several requests.
 */
export const MAX_MEMBERS_PER_REQUEST = 10000;

/**
 * Values a PATCH may visit through operations that have to look at every value of an attribute
 * (a value filter other than `value eq "..."`, or a sub-attribute of every value such as
 * "emails.type"). Lookups and removals by value do not count: they go through an index.
 */
export const MAX_FILTERED_VALUES_PER_PATCH = 100000;

/** The limit that applies to an attribute's values in one request. */
export function valueLimitOf(attribute: string): number {
  return attribute === 'members' ? MAX_MEMBERS_PER_REQUEST : MAX_VALUES_PER_ATTRIBUTE;
}

/**
 * 400 tooMany: RFC 7644 §3.12 defines that keyword for "more than the server is willing to
 * process", which is what a client must fix here (split the request), unlike invalidValue,
 * which says a value itself is wrong.
 */
export function tooManyValues(attribute: string, count: number, limit: number): ScimError {
  return badRequest('tooMany', `${attribute} has ${count} values; at most ${limit} are accepted per request`);
}

/** Throws tooManyValues when `count` values of `attribute` exceed its per-request limit. */
export function checkValueCount(attribute: string, count: number): void {
  const limit = valueLimitOf(attribute);
  if (count > limit) throw tooManyValues(attribute, count, limit);
}

export function tooMuchFiltering(visited: number): ScimError {
  return badRequest(
    'tooMany',
    `This PATCH would match value filters against ${visited} values; at most ${MAX_FILTERED_VALUES_PER_PATCH} are accepted per request (send fewer filtered operations per request, or remove members by value)`,
  );
}
