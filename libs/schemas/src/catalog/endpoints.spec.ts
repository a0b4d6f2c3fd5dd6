import { describe, expect, it } from '@jest/globals';

import { REQUIRED_HEADERS, curlExample, endpointPath, endpointUrl, withApiKey } from '../index.js';

describe('endpoints', () => {
  it('builds the documented path for a context', () => {
    expect(endpointPath('68da8236e5158bfd0be9e639', 'list_employees')).toBe(
      '/external/v2/integration/68da8236e5158bfd0be9e639/context/list_employees',
    );
  });

  it('escapes path segments', () => {
    expect(endpointPath('a/b', 'x y')).toBe('/external/v2/integration/a%2Fb/context/x%20y');
  });

  it('joins a base URL with or without a trailing slash', () => {
    expect(endpointUrl('https://api.example.com/', 'abc', 'list_users')).toBe('https://api.example.com/external/v2/integration/abc/context/list_users');
    expect(endpointUrl('https://api.example.com', 'abc', 'list_users')).toBe('https://api.example.com/external/v2/integration/abc/context/list_users');
  });

  it('documents the two required headers', () => {
    expect(REQUIRED_HEADERS).toEqual({ 'Content-Type': 'application/json', 'x-api-key': 'YOUR_API_KEY_HERE' });
  });

  it('prints a curl command with the headers and a pretty body', () => {
    const command = curlExample('https://api.example.com', 'abc', 'list_users', { data: [{ username: 'a' }] });
    expect(command).toBe(
      [
        "curl -X POST 'https://api.example.com/external/v2/integration/abc/context/list_users' \\",
        "  -H 'Content-Type: application/json' \\",
        "  -H 'x-api-key: YOUR_API_KEY_HERE' \\",
        "  -d '{",
        '  "data": [',
        '    {',
        '      "username": "a"',
        '    }',
        '  ]',
        "}'",
      ].join('\n'),
    );
  });

  it('keeps single quotes in the data intact for the shell, and accepts a custom key', () => {
    const command = curlExample('https://api.example.com', 'abc', 'list_employees', '{"data":[{"id":"o\'brien"}]}', { apiKey: 'k_123' });
    expect(command).toContain(`-d '{"data":[{"id":"o'\\''brien"}]}'`);
    expect(command).toContain(`-H 'x-api-key: k_123'`);
  });

  it('fills a real key into an example made with the placeholder, exactly as if made with that key', () => {
    const body = { data: [{ username: 'x-api-key: YOUR_API_KEY_HERE' }] };
    const example = curlExample('https://api.example.com', 'abc', 'list_users', body);
    const filled = withApiKey(example, 'ghk_abc$1');
    expect(filled).toBe(curlExample('https://api.example.com', 'abc', 'list_users', body, { apiKey: 'ghk_abc$1' }));
    expect(filled).toContain(`-H 'x-api-key: ghk_abc$1'`);
  });
});
