import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from './support/test-app.js';

// Statements that would change tables or columns. Foreign keys, indexes, CHECK constraints and
// column defaults live in the migrations only (entities do not model them), so TypeORM's
// diff always proposes dropping those: they are not drift.
const STRUCTURAL = /CREATE TABLE|DROP TABLE|ADD "|ADD COLUMN|DROP COLUMN|ALTER COLUMN "[^"]+" TYPE|SET NOT NULL|DROP NOT NULL|RENAME/;

describe('migrations and entities', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('after every migration ran, the entities describe exactly the tables and columns that exist', async () => {
    const sql = await t.dataSource.driver.createSchemaBuilder().log();
    const drift = sql.upQueries.map((q) => q.query).filter((q) => STRUCTURAL.test(q));
    expect(drift).toEqual([]);
  });
});
