/**
 * The nonce the server's Content-Security-Policy allows for <style> elements, from the
 * csp-nonce meta tag that the build writes into index.html and the server fills in per response.
 * Browsers hide a nonce attribute's value from getAttribute, so it is read from the property.
 * Undefined outside a served build (tests, the dev server), where there is no policy.
 */
export function cspNonce(): string | undefined {
  const meta = typeof document === 'undefined' ? null : document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]');
  const nonce = meta?.nonce || meta?.getAttribute('nonce') || '';
  return nonce && nonce !== '__CSP_NONCE__' ? nonce : undefined;
}
