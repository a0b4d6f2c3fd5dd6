import { authSecretFields, withoutAuthSecrets } from '@gatehouse/mapping';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Saves used to accept secret-looking fields inside `auth` on disabled connectors (e.g.
 * `{"type":"bearer","api_token":"…"}`), stored as plain JSON and returned by GET. Calls never read
 * them (the credential is only ever the encrypted `secret_ciphertext`), so they are removed rather
 * than moved: the admin sets the secret through PUT /api/connectors/{id}/secret as always.
 */
export class StripAuthSecrets1763956000000 implements MigrationInterface {
  name = 'StripAuthSecrets1763956000000';

  async up(q: QueryRunner): Promise<void> {
    const rows: Array<{ id: string; auth: unknown }> = await q.query(`SELECT id, auth FROM connectors WHERE auth IS NOT NULL`);
    for (const row of rows) {
      if (authSecretFields(row.auth).length === 0) continue;
      await q.query(`UPDATE connectors SET auth = $2::jsonb WHERE id = $1`, [row.id, JSON.stringify(withoutAuthSecrets(row.auth))]);
    }
  }

  async down(): Promise<void> {
    // What was removed was plaintext secrets; there is nothing to put back.
  }
}
