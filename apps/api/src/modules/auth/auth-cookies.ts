import type { AppConfig } from '../../config/config.js';

export type AuthCookies = { session: string; csrf: string; secure: boolean };

/**
 * Cookie names and flags. Over https the names carry the `__Host-` prefix: the browser then
 * keeps such a cookie only if it was set Secure, for path /, by this very host, so a sibling
 * subdomain cannot plant its own session or CSRF cookie here. Only the prefixed names are read
 * then, never the plain ones.
 */
export function authCookies(config: Pick<AppConfig, 'publicUrl'>): AuthCookies {
  const secure = config.publicUrl.startsWith('https://');
  const prefix = secure ? '__Host-' : '';
  return { session: `${prefix}gh_session`, csrf: `${prefix}gh_csrf`, secure };
}
