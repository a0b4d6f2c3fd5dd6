import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('starts with sensible defaults and the embedded database', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.dataDir).toBe('.data');
    expect(c.publicUrl).toBe('http://localhost:3000');
    expect(c.signupEnabled).toBe(true);
    expect(c.ingestIdleTimeoutSeconds).toBe(15);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT must be a whole number from 0 to 65535 (got "eighty")'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL must be a postgres:// URL'],
    [{ SIGNUP_ENABLED: 'maybe' }, 'SIGNUP_ENABLED must be true or false (got "maybe")'],
    [{ SECRETS_KEY: 'short' }, 'SECRETS_KEY must be 32 bytes in base64'],
    [{ PUBLIC_URL: 'gatehouse.example.com' }, 'PUBLIC_URL must be an absolute http(s) URL'],
    [{ TRUST_PROXY: '*' }, 'TRUST_PROXY must be a comma-separated list of proxy addresses or subnets'],
    [{ TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY must be a comma-separated list'],
    [{ INGEST_IDLE_TIMEOUT_SECONDS: '0' }, 'INGEST_IDLE_TIMEOUT_SECONDS must be a whole number from 1 to 3600 (got "0")'],
  ])('stops with one line naming the variable: %j', (env, message) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('reads PUBLIC_URL without a trailing slash and turns sign-up off', () => {
    const c = loadConfig({ PUBLIC_URL: 'https://gh.example.com/', SIGNUP_ENABLED: 'false' });
    expect(c.publicUrl).toBe('https://gh.example.com');
    expect(c.signupEnabled).toBe(false);
  });

  it('trusts only loopback proxies unless TRUST_PROXY names others', () => {
    expect(loadConfig({}).trustProxy).toEqual(['loopback']);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 172.16.0.5,loopback' }).trustProxy).toEqual(['10.0.0.0/8', '172.16.0.5', 'loopback']);
  });
});
