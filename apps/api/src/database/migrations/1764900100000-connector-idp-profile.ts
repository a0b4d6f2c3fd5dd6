import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How a Custom HTTP connector answers a successful SCIM PATCH: `entra` 204 No Content, `okta`
 * and `generic` 200 with the resource (RFC 7644 §3.5.2 allows both). Existing connectors get
 * `generic`, which every identity provider reads; one serving Entra ID that relied on 204 is set
 * to `entra` by its admin (docs/scim.md, "IdP profiles").
 */
export class ConnectorIdpProfile1764900100000 implements MigrationInterface {
  name = 'ConnectorIdpProfile1764900100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE connectors ADD COLUMN idp_profile text NOT NULL DEFAULT 'generic'`);
    await q.query(`ALTER TABLE connectors ADD CONSTRAINT ck_connectors_idp_profile CHECK (idp_profile IN ('entra', 'okta', 'generic'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE connectors DROP CONSTRAINT ck_connectors_idp_profile`);
    await q.query(`ALTER TABLE connectors DROP COLUMN idp_profile`);
  }
}
