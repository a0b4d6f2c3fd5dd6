// How a request to a SCIM proxy connector maps onto the app's SCIM API, and what of the app's
// answer goes back. Pure, so the path rules (which keep requests under the base URL) are unit-tested.

/** The request URL after `/scim/v2/{connectorId}`: the path (still percent-encoded) and the query string with its `?` ('' when none). */
export type ForwardedPath = { path: string; query: string };

/** Splits Gatehouse's request URL (`req.originalUrl`) into what is forwarded. Matches the prefix in any case, as the routes do. */
export function forwardedPath(originalUrl: string): ForwardedPath {
  const at = originalUrl.indexOf('?');
  const pathPart = at >= 0 ? originalUrl.slice(0, at) : originalUrl;
  const query = at >= 0 ? originalUrl.slice(at) : '';
  const path = pathPart.replace(/^\/scim\/v2\/[^/]+/i, '');
  return { path: path === '' ? '/' : path, query };
}

// Bytes a percent-escape stands for, one level deep, leaving malformed escapes as they are (a
// segment's bytes are checked, not shown, so latin1 is enough for the ASCII this looks for).
const decodeOnce = (text: string) => text.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/**
 * Why a forwarded path must not reach the app, or undefined when it may. The app's server (or a
 * proxy in front of it) may decode a path once or twice and may drop `;parameters` before
 * resolving dot segments (Tomcat, Jetty and Spring resolve `..;` as `..`), so each segment is
 * judged as sent, decoded once and decoded twice: a dot segment with or without parameters, a NUL,
 * a slash or backslash that is not a separator. No SCIM path has any of them; with the
 * connector's credential attached they could reach the app's other endpoints.
 */
export function pathProblem(path: string): string | undefined {
  if (!path.startsWith('/')) return 'the path must start with "/"';
  for (const segment of path.split('/').slice(1)) {
    const once = decodeOnce(segment);
    const forms = [segment, once, decodeOnce(once)];
    const shown = JSON.stringify(segment);
    if (forms.some((f) => f.includes('\\'))) return `the path segment ${shown} holds a backslash (written or percent-encoded), which some servers read as "/"`;
    if (forms.some((f) => f.includes('\u0000'))) return `the path segment ${shown} holds a NUL character`;
    if (forms.slice(1).some((f) => f.includes('/'))) return `the path segment ${shown} holds an encoded "/", which some servers read as a separator`;
    if (forms.some((f) => /^\.{1,2}$/.test(f.split(';')[0]!))) {
      return `the path segment ${shown} is a dot segment ("." or "..", possibly encoded or with ;parameters), which would leave the SCIM base path`;
    }
  }
  return undefined;
}

/**
 * `{scimBaseUrl}{path}{query}`, or undefined when the path would leave the base URL's path
 * (callers check pathProblem first: a path it refuses is never joined).
 */
export function targetUrl(scimBaseUrl: string, forwarded: ForwardedPath): string | undefined {
  const { path, query } = forwarded;
  if (pathProblem(path) !== undefined) return undefined;
  const base = scimBaseUrl.replace(/\/+$/, '');
  const joined = `${base}${path}${query}`;
  let target: URL;
  let baseUrl: URL;
  try {
    target = new URL(joined);
    baseUrl = new URL(base);
  } catch {
    return undefined;
  }
  const basePath = baseUrl.pathname.replace(/\/+$/, '');
  const inside = target.pathname === basePath || target.pathname.startsWith(`${basePath}/`);
  if (target.origin !== baseUrl.origin || !inside) return undefined;
  return joined;
}

// SCIM's endpoint names (RFC 7644 §3.2), spelled as the RFC does: the call log groups /users and /Users.
const ENDPOINTS = ['Users', 'Groups', 'Me', 'Bulk', '.search', 'ServiceProviderConfig', 'ResourceTypes', 'Schemas'];
const canonical = new Map(ENDPOINTS.map((e) => [e.toLowerCase(), e]));

/** The call log's operation for a forwarded request: `proxy:GET /Users`, `proxy:PATCH /Groups/{id}`. */
export function proxyOperation(method: string, path: string): string {
  const segments = path.split('/').filter((s) => s !== '');
  const named = segments.map((segment, i) => {
    const known = canonical.get(segment.toLowerCase());
    if (known) return known;
    // The first segment is an endpoint name; later ones are ids (or URNs under /Schemas).
    return i === 0 ? segment.slice(0, 60) : '{id}';
  });
  return `proxy:${method.toUpperCase()} /${named.join('/')}`;
}

// RFC 9110 §7.6.1 hop-by-hop fields, plus what this server recomputes: the body's length, and
// its encoding (the HTTP client has already decoded it).
const DROPPED = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'content-length',
  'content-encoding',
  // An app's cookie must not be set on Gatehouse's origin.
  'set-cookie',
]);

/** The app's response headers that go back to the identity provider as they are. */
export function answerHeaders(headers: Record<string, string>): Record<string, string> {
  const named = new Set((headers.connection ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean));
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (DROPPED.has(lower) || named.has(lower)) continue;
    out[lower] = value;
  }
  return out;
}
