import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A stored secret could not be decrypted: wrong key (SECRETS_KEY changed) or a damaged value. */
export class SecretDecryptionError extends Error {
  override name = 'SecretDecryptionError';
}

/**
 * Encrypts secrets at rest with AES-256-GCM: a random 12-byte IV per value, the 16-byte tag kept
 * with it. Stored form: `v1.<key id>.<iv>.<tag>.<ciphertext>` (base64url parts). The key id is a
 * short fingerprint of the key, so a changed SECRETS_KEY is reported as such instead of as damage.
 * `context` is bound as additional authenticated data: a value copied to another row (another
 * context) does not decrypt.
 */
export class SecretsService {
  private readonly keyId: string;

  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('SecretsService needs a 32-byte key');
    this.keyId = createHash('sha256').update(key).digest('base64url').slice(0, 8);
  }

  encrypt(plaintext: string, context = ''): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, this.keyId, iv.toString('base64url'), tag.toString('base64url'), ciphertext.toString('base64url')].join('.');
  }

  decrypt(stored: string, context = ''): string {
    const parts = stored.split('.');
    if (parts.length !== 5 || parts[0] !== VERSION) throw new SecretDecryptionError('The stored secret is not in a known format; set it again.');
    const [, keyId, iv, tag, ciphertext] = parts as [string, string, string, string, string];
    if (keyId !== this.keyId) {
      throw new SecretDecryptionError('The stored secret was encrypted with a different SECRETS_KEY; restore that key or set the secret again.');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretDecryptionError('The stored secret could not be decrypted (it was altered or belongs to another record); set it again.');
    }
  }
}
