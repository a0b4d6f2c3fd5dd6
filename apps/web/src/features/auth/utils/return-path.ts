// Sign-in from a deep link: the page that asked for sign-in rides along as `?next=` and is
// opened after sign-in. Only a path on this same site is honoured, never another site (an
// attacker's link must not turn the sign-in page into a redirect to their page).

const HOME = '/integrations';

/** `next` as a same-origin path (with its query and hash), or null when it is anything else. */
export function safeReturnPath(next: string | null | undefined, origin: string): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//')) return null;
  // Browsers read a backslash as a slash ("/\evil.example" is another host), and control
  // characters are stripped before parsing: refuse both rather than guess.
  if (/[\\\u0000-\u001f\u007f]/.test(next)) return null;
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return null;
  }
  if (url.origin !== origin) return null;
  // Back to sign-in or sign-up would only loop.
  if (url.pathname === '/sign-in' || url.pathname === '/sign-up') return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** Where signing in leads: the page that asked for it when that is safe, else the home page. */
export function afterSignIn(search: string, origin: string): string {
  return safeReturnPath(new URLSearchParams(search).get('next'), origin) ?? HOME;
}

/** The sign-in page, remembering the page that asked for it (not for the home page itself). */
export function signInPathFor(location: { pathname: string; search: string; hash: string }): string {
  const from = `${location.pathname}${location.search}${location.hash}`;
  return from === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(from)}`;
}
