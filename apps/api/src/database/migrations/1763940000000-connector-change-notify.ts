import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every committed change to what authenticates and drives a connector (its settings, its secret,
 * its SCIM token; deletion included, also by cascade) announces the connector's id on the
 * `connector_changed` channel, so each API process can drop what it keeps in memory about that
 * connector the moment the change commits. Bookkeeping written on every call (last call, last
 * error, trim counter) is not a change of the connector and stays silent.
 */
export class ConnectorChangeNotify1763940000000 implements MigrationInterface {
  name = 'ConnectorChangeNotify1763940000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION notify_connector_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('connector_changed', (CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END) ->> TG_ARGV[0]);
        RETURN NULL;
      END
      $$`);
    await q.query(`
      CREATE TRIGGER connectors_changed AFTER UPDATE ON connectors FOR EACH ROW
        WHEN ((to_jsonb(OLD) - 'last_call_at' - 'last_error' - 'calls_since_trim') IS DISTINCT FROM (to_jsonb(NEW) - 'last_call_at' - 'last_error' - 'calls_since_trim'))
        EXECUTE FUNCTION notify_connector_changed('id')`);
    await q.query(`CREATE TRIGGER connectors_deleted AFTER DELETE ON connectors FOR EACH ROW EXECUTE FUNCTION notify_connector_changed('id')`);
    await q.query(`CREATE TRIGGER scim_tokens_changed AFTER INSERT OR UPDATE OR DELETE ON scim_tokens FOR EACH ROW EXECUTE FUNCTION notify_connector_changed('connector_id')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER scim_tokens_changed ON scim_tokens`);
    await q.query(`DROP TRIGGER connectors_deleted ON connectors`);
    await q.query(`DROP TRIGGER connectors_changed ON connectors`);
    await q.query(`DROP FUNCTION notify_connector_changed()`);
  }
}
