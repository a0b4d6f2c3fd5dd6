import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A second connector type, `scim_proxy`: the app speaks SCIM 2.0 itself and Gatehouse forwards
 * the identity provider's requests to `scim_base_url`, which such a connector must have.
 */
export class ScimProxy1763920000000 implements MigrationInterface {
  name = 'ScimProxy1763920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE connectors DROP CONSTRAINT ck_connectors_type`);
    await q.query(`ALTER TABLE connectors ADD CONSTRAINT ck_connectors_type CHECK (type IN ('custom_http', 'scim_proxy'))`);
    await q.query(`ALTER TABLE connectors ADD COLUMN scim_base_url text NULL`);
    await q.query(`ALTER TABLE connectors ADD CONSTRAINT ck_connectors_scim_base_url CHECK (type <> 'scim_proxy' OR scim_base_url IS NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The old constraint cannot hold proxies: they go, with their tokens and call logs (ON DELETE CASCADE).
    await q.query(`DELETE FROM connectors WHERE type = 'scim_proxy'`);
    await q.query(`ALTER TABLE connectors DROP CONSTRAINT ck_connectors_scim_base_url`);
    await q.query(`ALTER TABLE connectors DROP COLUMN scim_base_url`);
    await q.query(`ALTER TABLE connectors DROP CONSTRAINT ck_connectors_type`);
    await q.query(`ALTER TABLE connectors ADD CONSTRAINT ck_connectors_type CHECK (type IN ('custom_http'))`);
  }
}
