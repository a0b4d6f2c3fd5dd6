import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from '@jest/globals';
import { ConfigError } from '../../config/config.js';
import { loadSecretsKey, SECRETS_KEY_FILE } from './secrets-key.js';
import { SecretDecryptionError, SecretsService } from './secrets.service.js';

describe('SecretsService', () => {
  const service = new SecretsService(randomBytes(32));

  it('round-trips a secret and never stores the plaintext', () => {
    const stored = service.encrypt('s3cr3t-token-value', 'connector:1');
    expect(stored).not.toContain('s3cr3t');
    expect(stored.split('.')).toHaveLength(5);
    expect(service.decrypt(stored, 'connector:1')).toBe('s3cr3t-token-value');
  });

  it('uses a fresh 12-byte IV for every value', () => {
    const a = service.encrypt('same');
    const b = service.encrypt('same');
    expect(a).not.toBe(b);
    expect(Buffer.from(a.split('.')[2]!, 'base64url')).toHaveLength(12);
    expect(Buffer.from(a.split('.')[3]!, 'base64url')).toHaveLength(16);
  });

  it('refuses a tampered value, another context and another key', () => {
    const stored = service.encrypt('value', 'connector:1');
    const parts = stored.split('.');
    const flipped = Buffer.from(parts[4]!, 'base64url');
    flipped[0] ^= 1;
    parts[4] = flipped.toString('base64url');
    expect(() => service.decrypt(parts.join('.'), 'connector:1')).toThrow(SecretDecryptionError);
    expect(() => service.decrypt(stored, 'connector:2')).toThrow(/could not be decrypted/);
    expect(() => new SecretsService(randomBytes(32)).decrypt(stored, 'connector:1')).toThrow(/different SECRETS_KEY/);
    expect(() => service.decrypt('plaintext')).toThrow(/not in a known format/);
  });
});

describe('loadSecretsKey', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'gh-secrets-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('uses SECRETS_KEY when set', () => {
    const key = randomBytes(32);
    expect(loadSecretsKey({ secretsKey: key.toString('base64'), nodeEnv: 'production', databaseUrl: 'postgres://x', dataDir: '/nonexistent' })).toEqual(key);
  });

  it('generates <DATA_DIR>/secrets.key with mode 0600 on first start and reuses it', () => {
    const dataDir = join(tempDir(), 'nested');
    const first = loadSecretsKey({ secretsKey: undefined, nodeEnv: 'development', databaseUrl: undefined, dataDir });
    expect(first).toHaveLength(32);
    const file = join(dataDir, SECRETS_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')).toEqual(first);
    expect(loadSecretsKey({ secretsKey: undefined, nodeEnv: 'development', databaseUrl: undefined, dataDir })).toEqual(first);
  });

  it('refuses a damaged key file instead of replacing it', () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, SECRETS_KEY_FILE), 'short');
    expect(() => loadSecretsKey({ secretsKey: undefined, nodeEnv: 'development', databaseUrl: undefined, dataDir })).toThrow(/does not hold a 32-byte base64 key/);
  });

  it('refuses to start in production with DATABASE_URL and no SECRETS_KEY, with one line', () => {
    let error: unknown;
    try {
      loadSecretsKey({ secretsKey: undefined, nodeEnv: 'production', databaseUrl: 'postgres://db/app', dataDir: tempDir() });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/SECRETS_KEY is required in production with DATABASE_URL/);
    expect((error as Error).message).not.toContain('\n');
  });

  it('still generates a key file in production on the embedded database (the key lives beside the data)', () => {
    const dataDir = tempDir();
    expect(loadSecretsKey({ secretsKey: undefined, nodeEnv: 'production', databaseUrl: undefined, dataDir })).toHaveLength(32);
  });
});
