import { describe, expect, it } from '@jest/globals';
import { MASK, maskUrl, redactSecrets } from './masking.js';

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
