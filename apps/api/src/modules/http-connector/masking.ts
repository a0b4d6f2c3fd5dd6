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

// Headers that carry a credential or a session whatever the connector's auth type.
const SECRET_HEADER_NAMES = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);
// Header and field names that look like they hold a credential (x-api-key, client_secret, access_token, ...).
const SECRET_FIELD_NAME = /token|api[-_]?key|secret|passw(or)?d|pwd|signature|credential|session|assertion|cookie|^authorization$/i;
// Names the pattern above catches that never hold a secret (an OAuth answer's token_type).
const NOT_SECRET_FIELDS = new Set(['token_type']);
const looksSecret = (name: string) => SECRET_FIELD_NAME.test(name) && !NOT_SECRET_FIELDS.has(name.toLowerCase());

/**
 * Headers for the call log: Authorization, cookies, the connector's API-key header
 * (`extraSecretNames`) and any header whose name looks like a credential have their value replaced
 * by the mask; every other value has the known secrets masked wherever they appear.
 */
export function maskHeaders(headers: Record<string, string>, secrets: readonly (string | undefined)[], extraSecretNames: readonly string[] = []): Record<string, string> {
  const extra = new Set(extraSecretNames.map((n) => n.toLowerCase()));
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (SECRET_HEADER_NAMES.has(lower) || extra.has(lower) || SECRET_FIELD_NAME.test(lower)) {
      // The scheme (Bearer, Basic) helps troubleshooting and is no secret.
      const scheme = /^(Bearer|Basic|Digest|Token)\s/i.exec(value)?.[1];
      out[name] = scheme ? `${scheme} ${MASK}` : MASK;
    } else out[name] = redactSecrets(value, secrets);
  }
  return out;
}

/** A JSON value with every field whose name looks like a credential masked, at any depth. */
function maskJsonFields(value: unknown): { value: unknown; changed: boolean } {
  if (Array.isArray(value)) {
    let changed = false;
    const items = value.map((v) => {
      const r = maskJsonFields(v);
      changed ||= r.changed;
      return r.value;
    });
    return { value: items, changed };
  }
  if (value && typeof value === 'object') {
    let changed = false;
    const entries = Object.entries(value).map(([k, v]): [string, unknown] => {
      if (looksSecret(k) && v !== null && v !== '') {
        changed = true;
        return [k, MASK];
      }
      const r = maskJsonFields(v);
      changed ||= r.changed;
      return [k, r.value];
    });
    return { value: Object.fromEntries(entries), changed };
  }
  return { value, changed: false };
}

/**
 * A request or response body for the call log: the known secrets masked in every form
 * (redactSecrets), then, in JSON and form-encoded bodies, the values of fields whose names look
 * like credentials (password, client_secret, access_token, refresh_token, api_key, ...). A JSON
 * body with such a field is written back compactly; any other body is kept as it was.
 */
export function maskBody(text: string, contentType: string | undefined, secrets: readonly (string | undefined)[]): string {
  const redacted = redactSecrets(text, secrets);
  const type = (contentType ?? '').toLowerCase();
  const trimmed = redacted.trimStart();
  if (type.includes('json') || trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      const masked = maskJsonFields(JSON.parse(redacted));
      return masked.changed ? JSON.stringify(masked.value) : redacted;
    } catch {
      // not JSON after all: as text
    }
  }
  if (type.includes('application/x-www-form-urlencoded')) {
    return redacted
      .split('&')
      .map((pair) => {
        const eq = pair.indexOf('=');
        if (eq < 0) return pair;
        let name = pair.slice(0, eq);
        try {
          name = decodeURIComponent(name.replace(/\+/g, ' '));
        } catch {
          // keep the raw name
        }
        return looksSecret(name) ? `${pair.slice(0, eq)}=${MASK}` : pair;
      })
      .join('&');
  }
  return redacted;
}

/**
 * The values a request carries in places masked by name (credential-looking headers, JSON and
 * form fields, URL query parameters), as they were sent: an app that echoes the request back
 * may hold them anywhere in its answer, so they are masked there too (redactSecrets).
 */
export function sentSecretValues(url: string, headers: Record<string, string>, body: string | undefined, extraHeaderNames: readonly string[] = []): string[] {
  const values: string[] = [];
  const extra = new Set(extraHeaderNames.map((n) => n.toLowerCase()));
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (SECRET_HEADER_NAMES.has(lower) || extra.has(lower) || SECRET_FIELD_NAME.test(lower)) values.push(value.replace(/^(Bearer|Basic|Digest|Token)\s+/i, ''));
  }
  const queryAt = url.indexOf('?');
  if (queryAt >= 0) {
    for (const [name, value] of new URLSearchParams(url.slice(queryAt + 1).split('#')[0])) if (SECRET_QUERY_NAME.test(name)) values.push(value);
  }
  if (body !== undefined) {
    const collect = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) {
          if (looksSecret(k) && typeof v === 'string') values.push(v);
          else collect(v);
        }
      }
    };
    try {
      collect(JSON.parse(body));
    } catch {
      for (const [name, value] of new URLSearchParams(body)) if (looksSecret(name)) values.push(value);
    }
  }
  return values.filter((v) => v !== '' && v !== MASK);
}

/** The first `maxBytes` of a text, cut on a character boundary. */
export function firstBytes(text: string, maxBytes: number): { text: string; truncated: boolean } {
  const buf = Buffer.from(text, 'utf8');
  if (buf.length <= maxBytes) return { text, truncated: false };
  return { text: buf.subarray(0, maxBytes).toString('utf8').replace(/\uFFFD$/, ''), truncated: true };
}
