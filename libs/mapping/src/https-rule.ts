// The HTTPS rule every outbound connector call follows (Custom HTTP mappings, the OAuth token
// URL, a SCIM proxy's base URL): https only, unless the instance allows plain http and the server
// does not run in production. One function, so a save, the admin page's problem badge and the
// call itself all say the same thing.

export interface InsecureHttpPolicy {
  /** The instance's allowInsecureHttp setting. */
  allowInsecureHttp: boolean;
  /** The server runs in production, where plain http is never honoured. */
  production: boolean;
}

/** Whether plain http may be used under the policy. */
export function insecureHttpAllowed(policy: InsecureHttpPolicy): boolean {
  return policy.allowInsecureHttp && !policy.production;
}

/**
 * Why the URL may not be called because of its scheme, or undefined when its scheme is fine. A
 * string that does not start with a scheme is left to the URL form checks.
 */
export function httpsRuleProblem(url: string, policy: InsecureHttpPolicy): string | undefined {
  const m = /^\s*([a-z][a-z0-9+.-]*):(?:\/\/([^/?#]*))?/i.exec(url);
  if (!m) return undefined;
  const scheme = m[1]!.toLowerCase();
  if (scheme === 'https') return undefined;
  if (scheme !== 'http') return `Only https:// URLs can be called (got ${scheme}://).`;
  if (insecureHttpAllowed(policy)) return undefined;
  let authority = (m[2] ?? '').toLowerCase().replace(/^.*@/, '');
  if (authority.endsWith(':80')) authority = authority.slice(0, -3);
  const origin = `http://${authority}`;
  return policy.production
    ? `HTTPS is required: ${origin} uses plain http, which this server never allows in production.`
    : `HTTPS is required: ${origin} uses plain http. To call it anyway (a local test service), turn on "Allow insecure HTTP" in the instance's Settings tab (allowInsecureHttp in the API); it is never honoured in production.`;
}
