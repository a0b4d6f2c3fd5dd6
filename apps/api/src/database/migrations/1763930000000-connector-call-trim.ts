import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The call log is trimmed to its newest rows once every so many calls instead of on each one:
 * finding the cut-off walks the connector's whole log, which cost every call more than the
 * insert itself. `calls_since_trim` counts the calls recorded since the last trim.
 */
export class ConnectorCallTrim1763930000000 implements MigrationInterface {
  name = 'ConnectorCallTrim1763930000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE connectors ADD COLUMN calls_since_trim integer NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE connectors DROP COLUMN calls_since_trim`);
  }
}
