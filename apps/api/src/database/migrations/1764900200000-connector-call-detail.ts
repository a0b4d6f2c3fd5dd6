import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the call log shows when a call is opened: the request and the answer (headers, the first
 * 64 kB of each body), secrets masked before they are written, and the SCIM user or group the
 * call was made for. Detail is kept on the newest calls of each connector only
 * (ConnectorCallLog); older rows keep their summary.
 */
export class ConnectorCallDetail1764900200000 implements MigrationInterface {
  name = 'ConnectorCallDetail1764900200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE connector_calls
        ADD COLUMN request_headers jsonb,
        ADD COLUMN request_body text,
        ADD COLUMN request_body_truncated boolean NOT NULL DEFAULT false,
        ADD COLUMN response_headers jsonb,
        ADD COLUMN response_body text,
        ADD COLUMN response_body_truncated boolean NOT NULL DEFAULT false,
        ADD COLUMN scim_user_id text,
        ADD COLUMN scim_group_id text`);
    await q.query(`CREATE INDEX ix_connector_calls_connector_scim_user ON connector_calls (connector_id, scim_user_id) WHERE scim_user_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_connector_calls_connector_scim_group ON connector_calls (connector_id, scim_group_id) WHERE scim_group_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_connector_calls_connector_scim_group`);
    await q.query(`DROP INDEX ix_connector_calls_connector_scim_user`);
    await q.query(`
      ALTER TABLE connector_calls
        DROP COLUMN request_headers, DROP COLUMN request_body, DROP COLUMN request_body_truncated,
        DROP COLUMN response_headers, DROP COLUMN response_body, DROP COLUMN response_body_truncated,
        DROP COLUMN scim_user_id, DROP COLUMN scim_group_id`);
  }
}
