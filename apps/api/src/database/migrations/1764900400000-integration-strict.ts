import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An integration set to strict refuses pushed records with properties their schema does not
 * define (otherwise they are accepted and reported as warnings). Existing integrations stay
 * lenient: turning strict on could refuse pushes that work today.
 */
export class IntegrationStrict1764900400000 implements MigrationInterface {
  name = 'IntegrationStrict1764900400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE integrations ADD COLUMN strict boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE integrations DROP COLUMN strict`);
  }
}
