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

// Very short values would mask ordinary words; a real credential is longer than this.
const MIN_SECRET_LENGTH = 4;
// A base64 run shorter than this (from a short secret at an offset) is too likely to occur by chance.
const MIN_BASE64_RUN = 8;

/**
 * The base64 characters that depend only on `bytes` when they sit at `offset` (0, 1 or 2) within
 * a longer base64-encoded text: what an encoding of "anything + secret + anything" holds whatever
 * came before or after (RFC 4648: each character carries 6 bits, each byte 8).
 */
function base64Run(bytes: Buffer, offset: number): string {
  const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
  const firstBit = offset * 8;
  const endBit = (offset + bytes.length) * 8;
  const first = Math.ceil(firstBit / 6);
  const end = Math.floor(endBit / 6);
  return encoded.slice(first, end);
}

/**
 * Every form in which a secret can appear in an answer or message when the product sent it: as
 * it is; percent-encoded (encodeURIComponent, as templates and URLs encode); form-encoded by the
 * same encoder that builds OAuth token requests (URLSearchParams: space as "+", `!'()~`
 * percent-encoded); JSON-escaped (also with "/" as "\\/"); and base64 at each of the three
 * alignments it can have inside a longer base64 text (e.g. "user:secret" in a Basic header).
 * Longest first, so a longer form is masked whole before a shorter one inside it.
 */
export function secretForms(secret: string): string[] {
  if (secret.length < MIN_SECRET_LENGTH) return [];
  const forms = new Set<string>();
  const textual = [secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)];
  for (const form of textual) {
    forms.add(form);
    const json = JSON.stringify(form).slice(1, -1);
    forms.add(json);
    forms.add(json.replace(/\//g, '\\/'));
  }
  const bytes = Buffer.from(secret, 'utf8');
  forms.add(bytes.toString('base64'));
  for (const offset of [0, 1, 2]) {
    const run = base64Run(bytes, offset);
    if (run.length >= MIN_BASE64_RUN) forms.add(run);
  }
  return [...forms].filter((f) => f.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

/**
 * Replaces every occurrence of the given values in each form they may have taken (secretForms).
 * Pass every credential value that was sent, as it was sent (the secret, a Basic header's base64,
 * an OAuth access token): what the product produced is what an echo can contain.
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  const forms = [...new Set(secrets.flatMap((s) => (s ? secretForms(s) : [])))].sort((a, b) => b.length - a.length);
  let out = text;
  for (const form of forms) out = out.split(form).join(MASK);
  return out;
}
