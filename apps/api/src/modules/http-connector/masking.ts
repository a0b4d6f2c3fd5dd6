// What may be shown or stored about an outbound request: URLs without credentials, headers
// without the secret, and never the secret's text anywhere.

export const MASK = '••••••';

const SECRET_QUERY_NAME = /token|key|secret|passw(or)?d|pwd|signature|^sig$|auth|credential|session|assertion/i;

/**
 * The URL for the call log: userinfo removed and the values of query parameters whose names look
 * like credentials (token, key, secret, password, signature, assertion, ...) replaced by the mask.
 */
export function maskUrl(url: string): string {
  const hashAt = url.indexOf('#');
  const withoutFragment = hashAt >= 0 ? url.slice(0, hashAt) : url;
  const queryAt = withoutFragment.indexOf('?');
  const base = queryAt >= 0 ? withoutFragment.slice(0, queryAt) : withoutFragment;
  const query = queryAt >= 0 ? withoutFragment.slice(queryAt + 1) : undefined;
  const cleanBase = base.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1');
  if (query === undefined) return cleanBase;
  const parts = query.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    const rawName = eq >= 0 ? pair.slice(0, eq) : pair;
    let name = rawName;
    try {
      name = decodeURIComponent(rawName.replace(/\+/g, ' '));
    } catch {
      // keep the raw name
    }
    return eq >= 0 && SECRET_QUERY_NAME.test(name) ? `${rawName}=${MASK}` : pair;
  });
  return `${cleanBase}?${parts.join('&')}`;
}

/** Replaces every occurrence of the given secrets (and their common encodings) in a text. */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    // Very short values would mask ordinary words; a real credential is longer than this.
    if (!secret || secret.length < 4) continue;
    for (const form of new Set([secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')])) {
      out = out.split(form).join(MASK);
    }
  }
  return out;
}
