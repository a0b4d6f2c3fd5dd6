import { describe, expect, it } from '@jest/globals';
import { MASK, firstBytes, maskBody, maskHeaders, maskUrl, redactSecrets, secretForms, sentSecretValues } from './masking.js';

describe('maskUrl', () => {
  it('removes userinfo', () => {
    expect(maskUrl('https://user:pass@api.example.com/v1/users')).toBe('https://api.example.com/v1/users');
  });

  it('masks query values whose names look secret and keeps the others', () => {
    expect(maskUrl('https://api.example.com/v1/users?email=a%40b.c&api_key=abc&access_token=t&X-Amz-Signature=s&page=2&sig=1&password=p&client_assertion=jwt')).toBe(
      `https://api.example.com/v1/users?email=a%40b.c&api_key=${MASK}&access_token=${MASK}&X-Amz-Signature=${MASK}&page=2&sig=${MASK}&password=${MASK}&client_assertion=${MASK}`,
    );
  });

  it('drops the fragment and leaves a plain URL alone', () => {
    expect(maskUrl('https://api.example.com/v1/users#token=abc')).toBe('https://api.example.com/v1/users');
    expect(maskUrl('http://127.0.0.1:8080/x')).toBe('http://127.0.0.1:8080/x');
  });
});

describe('redactSecrets', () => {
  it('replaces the secret in plain, URL-encoded and base64 form', () => {
    const secret = 'p@ss word/123';
    const text = `a ${secret} b ${encodeURIComponent(secret)} c ${Buffer.from(secret).toString('base64')}`;
    expect(redactSecrets(text, [secret])).toBe(`a ${MASK} b ${MASK} c ${MASK}`);
    expect(redactSecrets('abc', [undefined, 'ab'])).toBe('abc');
  });
});

describe('redactSecrets: every encoding the product sends a secret in', () => {
  // Lengths 20, 21, 22 (every length mod 3) and the characters form encoding and JSON treat specially.
  const secrets = ["s3cr3t with space!'()*~", "s3cr3t with space!'()*~x", "s3cr3t with space!'()*~xy", 'p"q\\r/s+t&u=v%w\u00e9x'];
  const usernames = ['ab', 'abc', 'abcd'];

  it.each(secrets)('masks the secret %p in Basic headers whatever the username length', (secret) => {
    for (const username of usernames) {
      const header = Buffer.from(`${username}:${secret}`, 'utf8').toString('base64');
      const echoed = `{"headers":{"authorization":"Basic ${header}"}}`;
      expect(redactSecrets(echoed, [secret, header])).toBe(`{"headers":{"authorization":"Basic ${MASK}"}}`);
      // Defence in depth: without the header value, the run that only the secret determines is masked.
      const withoutHeader = redactSecrets(echoed, [secret]);
      const secretRun = secretForms(secret).filter((f) => /^[A-Za-z0-9+/]+$/.test(f) && f.length >= 8);
      expect(secretRun.some((run) => header.includes(run))).toBe(true);
      expect(withoutHeader).toContain(MASK);
    }
  });

  it.each(secrets)('masks the form-encoded, percent-encoded and JSON-escaped forms of %p', (secret) => {
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: 'c', client_secret: secret }).toString();
    const echoed = [`you sent ${form}`, `url ${encodeURIComponent(secret)}`, `json ${JSON.stringify({ secret })}`, `slashes ${JSON.stringify(secret).replace(/\//g, '\\/')}`].join('\n');
    const out = redactSecrets(echoed, [secret]);
    expect(out).toBe(
      [`you sent grant_type=client_credentials&client_id=c&client_secret=${MASK}`, `url ${MASK}`, `json {"secret":"${MASK}"}`, `slashes "${MASK}"`].join('\n'),
    );
  });

  it('masks base64 of the secret alone at each of the three alignments', () => {
    const secret = 'abcdefghijklmnopqrstu';
    for (const prefix of ['', 'x', 'xy']) {
      const encoded = Buffer.from(`${prefix}${secret}!`, 'utf8').toString('base64');
      const out = redactSecrets(encoded, [secret]);
      expect(out).toContain(MASK);
      // What is left can not be decoded back to more than a few characters of the secret.
      expect(out.replace(MASK, '').length).toBeLessThanOrEqual(8);
    }
  });
});

describe('maskHeaders', () => {
  it('masks Authorization (keeping its scheme), cookies, the API-key header and credential-looking names', () => {
    const masked = maskHeaders(
      { Authorization: 'Bearer abc123', Cookie: 'sid=1', 'set-cookie': 'sid=2', 'X-Tenant-Key': 'k-1', 'x-api-key': 'k-2', Accept: 'application/json', 'X-Echo': 'said s3cr3t-value' },
      ['s3cr3t-value'],
      ['X-Tenant-Key'],
    );
    expect(masked).toEqual({ Authorization: `Bearer ${MASK}`, Cookie: MASK, 'set-cookie': MASK, 'X-Tenant-Key': MASK, 'x-api-key': MASK, Accept: 'application/json', 'X-Echo': `said ${MASK}` });
  });
});

describe('maskBody', () => {
  it('masks credential-looking JSON fields at any depth and the known secrets anywhere', () => {
    const body = JSON.stringify({ userName: 'ann', password: 'pw-1', nested: [{ client_secret: 'cs' }], note: 'the key is s3cr3t-value' });
    expect(JSON.parse(maskBody(body, 'application/json', ['s3cr3t-value']))).toEqual({ userName: 'ann', password: MASK, nested: [{ client_secret: MASK }], note: `the key is ${MASK}` });
  });

  it('masks an OAuth token answer and a form-encoded token request', () => {
    expect(JSON.parse(maskBody('{"access_token":"at-1","refresh_token":"rt","token_type":"Bearer","expires_in":60}', 'application/json', []))).toEqual({
      access_token: MASK,
      refresh_token: MASK,
      token_type: 'Bearer',
      expires_in: 60,
    });
    expect(maskBody('grant_type=client_credentials&client_id=app&client_secret=xyz', 'application/x-www-form-urlencoded', [])).toBe(`grant_type=client_credentials&client_id=app&client_secret=${MASK}`);
  });

  it('keeps a body without secrets as it was', () => {
    expect(maskBody('{ "userName": "ann" }', 'application/json', [])).toBe('{ "userName": "ann" }');
    expect(maskBody('plain text', 'text/plain', [])).toBe('plain text');
  });
});

describe('firstBytes', () => {
  it('cuts at a character boundary', () => {
    expect(firstBytes('aé', 2)).toEqual({ text: 'a', truncated: true });
    expect(firstBytes('ab', 2)).toEqual({ text: 'ab', truncated: false });
  });
});

describe('sentSecretValues', () => {
  it('collects what the request carried in places masked by name, so an echo of them is masked too', () => {
    const values = sentSecretValues(
      'https://app.example.com/x?access_token=qs-secret&page=2',
      { Authorization: 'Bearer tok-123', 'X-Tenant-Key': 'k-456', Accept: 'application/json' },
      '{"user":{"password":"pw-789","email":"a@b.c"}}',
      ['X-Tenant-Key'],
    );
    expect(values.sort()).toEqual(['k-456', 'pw-789', 'qs-secret', 'tok-123']);
    expect(sentSecretValues('https://x', {}, 'client_id=app&client_secret=cs-1')).toEqual(['cs-1']);
    expect(redactSecrets('echo: pw-789', values)).toBe(`echo: ${MASK}`);
  });
});
