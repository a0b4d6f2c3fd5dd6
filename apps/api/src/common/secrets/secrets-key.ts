import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AppConfig } from '../../config/config.js';
import { ConfigError } from '../../config/config.js';

export const SECRETS_KEY_FILE = 'secrets.key';
const KEY_BYTES = 32;

/**
 * The key that encrypts stored secrets (connector tokens, SCIM credentials):
 * SECRETS_KEY when set; otherwise a key generated once into <DATA_DIR>/secrets.key (mode 0600)
 * and reused. A production server on an external database refuses to start without
 * SECRETS_KEY: its data directory is usually not backed up with the database, and losing the
 * key file would make every stored secret unreadable.
 */
export function loadSecretsKey(config: Pick<AppConfig, 'secretsKey' | 'nodeEnv' | 'databaseUrl' | 'dataDir'>): Buffer {
  if (config.secretsKey) {
    const key = Buffer.from(config.secretsKey, 'base64');
    if (key.length !== KEY_BYTES) throw new ConfigError('Invalid configuration: SECRETS_KEY must be 32 bytes in base64 (generate one with: openssl rand -base64 32)');
    return key;
  }
  if (config.nodeEnv === 'production' && config.databaseUrl) {
    throw new ConfigError(
      'Invalid configuration: SECRETS_KEY is required in production with DATABASE_URL (generate one with: openssl rand -base64 32 and keep it with your database backups)',
    );
  }
  return readOrCreateKeyFile(join(config.dataDir, SECRETS_KEY_FILE));
}

function readOrCreateKeyFile(path: string): Buffer {
  const existing = readKeyFile(path);
  if (existing) return existing;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  try {
    // 'wx' fails when another process created the file first; then that key is the one to use.
    writeFileSync(path, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
    chmodSync(path, 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const created = readKeyFile(path);
  if (!created) throw new ConfigError(`Invalid configuration: ${path} does not hold a 32-byte base64 key; restore it or set SECRETS_KEY`);
  return created;
}

function readKeyFile(path: string): Buffer | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== KEY_BYTES) throw new ConfigError(`Invalid configuration: ${path} does not hold a 32-byte base64 key; restore it or set SECRETS_KEY`);
  return key;
}
