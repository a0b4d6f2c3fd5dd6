import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A SCIM write calls the downstream app between two short transactions (claim, then finish), so
 * a user or group row records the write that is on its way to the app: `pending_op` (a create
 * not yet confirmed by the app, or a change / delete in flight), since when, until when the
 * attempt holds it (`pending_until`: nobody else resolves it before), and the last reason it
 * could not be settled. The partial index serves the background sweep of abandoned writes.
 */
export class ScimPendingWrites1763950000000 implements MigrationInterface {
  name = 'ScimPendingWrites1763950000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['scim_users', 'scim_groups']) {
      await q.query(`
        ALTER TABLE ${table}
          ADD COLUMN pending_op text NULL,
          ADD COLUMN pending_since timestamptz NULL,
          ADD COLUMN pending_until timestamptz NULL,
          ADD COLUMN last_error text NULL,
          ADD CONSTRAINT ${table}_pending_op_check CHECK (pending_op IN ('create', 'change', 'delete')),
          ADD CONSTRAINT ${table}_pending_complete_check
            CHECK ((pending_op IS NULL AND pending_since IS NULL AND pending_until IS NULL)
                OR (pending_op IS NOT NULL AND pending_since IS NOT NULL AND pending_until IS NOT NULL))`);
      await q.query(`CREATE INDEX ${table}_pending_idx ON ${table} (pending_until) WHERE pending_op IS NOT NULL`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['scim_groups', 'scim_users']) {
      await q.query(`DROP INDEX ${table}_pending_idx`);
      await q.query(`
        ALTER TABLE ${table}
          DROP CONSTRAINT ${table}_pending_complete_check,
          DROP CONSTRAINT ${table}_pending_op_check,
          DROP COLUMN last_error,
          DROP COLUMN pending_until,
          DROP COLUMN pending_since,
          DROP COLUMN pending_op`);
    }
  }
}
