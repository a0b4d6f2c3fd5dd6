import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A call made for a reason the request alone does not show (the lookup after the app answered
 * a create with 409, the lookup behind an identity provider's filter) says why in the call log.
 */
export class ConnectorCallNote1764900500000 implements MigrationInterface {
  name = 'ConnectorCallNote1764900500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE connector_calls ADD COLUMN note text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE connector_calls DROP COLUMN note`);
  }
}
