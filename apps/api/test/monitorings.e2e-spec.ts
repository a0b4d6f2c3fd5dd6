import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { monitoringCategoryListResponseSchema, monitoringListResponseSchema } from '@gatehouse/contracts';
import { CATALOG, listContexts, type MonitoringCatalog } from '@gatehouse/schemas';
import request from 'supertest';
import { CatalogSeeder } from '../src/modules/schemas/catalog-seeder.service.js';
import { signUpAdmin, startTestApp, type Admin, type TestApp } from './support/test-app.js';

const counts = async (t: TestApp) => {
  const [row] = await t.dataSource.query(
    `SELECT (SELECT count(*)::int FROM monitoring_categories) AS categories, (SELECT count(*)::int FROM monitorings) AS monitorings,
            (SELECT count(*)::int FROM monitoring_contexts) AS contexts, (SELECT count(*)::int FROM monitoring_context_links) AS links,
            (SELECT max(updated_at) FROM monitorings) AS last_update`,
  );
  return row as { categories: number; monitorings: number; contexts: number; links: number; last_update: Date };
};

describe('GET /api/monitorings and GET /api/monitoring-categories', () => {
  let t: TestApp;
  let admin: Admin;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await signUpAdmin(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('GET /api/monitoring-categories lists every category with its monitoring count', async () => {
    const res = await admin.get('/api/monitoring-categories').expect(200);
    const body = monitoringCategoryListResponseSchema.parse(res.body);
    expect(body.map((c) => c.key)).toEqual(CATALOG.categories.map((c) => c.key));
    const hr = body.find((c) => c.key === 'hr')!;
    expect(hr).toMatchObject({ name: 'HR', monitoringCount: CATALOG.monitorings.filter((m) => m.category === 'hr').length });
    expect(body.reduce((n, c) => n + c.monitoringCount, 0)).toBe(CATALOG.monitorings.length);
  });

  it('GET /api/monitorings lists the whole catalog with the key as id, the category and each context schema', async () => {
    const res = await admin.get('/api/monitorings').expect(200);
    const body = monitoringListResponseSchema.parse(res.body);
    expect(body).toHaveLength(CATALOG.monitorings.length);
    const onboarding = body.find((m) => m.id === 'employee_onboarding_offboarding')!;
    expect(onboarding).toMatchObject({ key: 'employee_onboarding_offboarding', category: { key: 'hr', name: 'HR' } });
    expect(onboarding.contexts.map((c) => c.key)).toEqual(['list_employees']);
    // The published schema, keys in the documented order.
    expect(Object.keys(onboarding.contexts[0]!.schema).slice(0, 4)).toEqual(['type', 'title', 'description', 'properties']);
    expect(onboarding.contexts[0]!.schema).toMatchObject({ title: 'Employee', required: ['id'] });
  });

  it('GET /api/monitorings?category= filters by category; an unknown category matches nothing', async () => {
    const res = await admin.get('/api/monitorings?category=identity_access').expect(200);
    expect(res.body.length).toBeGreaterThan(0);
    expect(res.body.every((m: { category: { key: string } }) => m.category.key === 'identity_access')).toBe(true);
    await admin.get('/api/monitorings?category=nope').expect(200, []);
  });

  it('GET /api/monitorings?q= needs every word in the name or description, any case', async () => {
    const res = await admin.get('/api/monitorings?q=MFA').expect(200);
    expect(res.body.map((m: { key: string }) => m.key)).toContain('mfa_enforcement');
    const both = await admin.get('/api/monitorings?q=access%20review&category=identity_access').expect(200);
    expect(both.body.map((m: { key: string }) => m.key)).toContain('user_access_review');
    await admin.get('/api/monitorings?q=zzzz-nothing').expect(200, []);
  });

  it('refuses a repeated query parameter with a 400 naming it', async () => {
    const res = await admin.get('/api/monitorings?q=a&q=b').expect(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'q' }] });
  });

  it('the start logs what the catalog seeding did', () => {
    expect(t.logs.text).toContain(`Monitoring catalog v${CATALOG.version}: ${CATALOG.categories.length} categories, ${CATALOG.monitorings.length} monitorings`);
  });

  it('needs an admin session', async () => {
    await request(t.http).get('/api/monitorings').expect(401);
    await request(t.http).get('/api/monitoring-categories').expect(401);
  });
});

describe('catalog seeding at start', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('copies the catalog in force into its tables, schemas included', async () => {
    const c = await counts(t);
    expect(c.categories).toBe(CATALOG.categories.length);
    expect(c.monitorings).toBe(CATALOG.monitorings.length);
    expect(c.contexts).toBe(listContexts().length);
    expect(c.links).toBe(CATALOG.monitorings.reduce((n, m) => n + m.contexts.length, 0));
    const [employees] = await t.dataSource.query(`SELECT schema, catalog_version FROM monitoring_contexts WHERE key = 'list_employees'`);
    expect(employees.catalog_version).toBe(CATALOG.version);
    expect(employees.schema).toEqual(listContexts().find((x) => x.key === 'list_employees')!.schema);
    const [m] = await t.dataSource.query(`SELECT category_key FROM monitorings WHERE key = 'mfa_enforcement'`);
    expect(m.category_key).toBe('identity_access');
  });

  it('is idempotent: seeding again (a restart) adds and rewrites nothing', async () => {
    const before = await counts(t);
    const seeder = t.app.get(CatalogSeeder);
    const first = await seeder.seed();
    const second = await seeder.seed();
    for (const result of [first, second]) {
      expect(result.status).toBe('seeded');
      if (result.status !== 'seeded') return;
      for (const table of [result.categories, result.monitorings, result.contexts, result.links]) {
        expect(table).toMatchObject({ inserted: 0, updated: 0, retired: 0 });
      }
    }
    expect(await counts(t)).toEqual(before);
  });

  it('two servers starting at once take turns and still write each row once', async () => {
    const before = await counts(t);
    const seeder = t.app.get(CatalogSeeder);
    const results = await Promise.all([seeder.seed(), seeder.seed(), seeder.seed()]);
    expect(results.every((r) => r.status === 'seeded')).toBe(true);
    expect(await counts(t)).toEqual(before);
  });

  it('puts back a row changed by hand, and survives integrations referencing the catalog', async () => {
    const admin = await signUpAdmin(t);
    await admin.post('/api/integrations').send({ name: 'HR', monitoringIds: ['employee_onboarding_offboarding'] }).expect(201);
    await t.dataSource.query(`UPDATE monitorings SET name = 'tampered' WHERE key = 'employee_onboarding_offboarding'`);
    const result = await t.app.get(CatalogSeeder).seed();
    expect(result.status === 'seeded' && result.monitorings.updated).toBe(1);
    const [row] = await t.dataSource.query(`SELECT name FROM monitorings WHERE key = 'employee_onboarding_offboarding'`);
    expect(row.name).toBe(CATALOG.monitorings[0]!.name);
  });

  it('evolves with the catalog: new keys are added, dropped keys retired (never deleted), older catalogs leave a newer one alone', async () => {
    const seeder = t.app.get(CatalogSeeder);
    const [first, ...rest] = CATALOG.monitorings;
    const v2: MonitoringCatalog = {
      version: CATALOG.version + 1,
      categories: CATALOG.categories,
      monitorings: [
        ...rest,
        { key: 'new_monitoring', name: 'New', description: 'Added in v2', category: 'hr', contexts: [first!.contexts[0]!] },
      ],
    };
    const upgraded = await seeder.seed(v2);
    expect(upgraded.status).toBe('seeded');
    if (upgraded.status !== 'seeded') return;
    expect(upgraded.monitorings).toMatchObject({ inserted: 1, retired: 1 });
    const [retired] = await t.dataSource.query(`SELECT retired_at FROM monitorings WHERE key = $1`, [first!.key]);
    expect(retired.retired_at).not.toBeNull();

    // A server still carrying v1 (rolling deploy) does not downgrade the stored catalog.
    expect(await seeder.seed(CATALOG)).toEqual({ status: 'skipped', version: CATALOG.version, storedVersion: CATALOG.version + 1 });

    // Back to v1 for the rest of the file: lower stored versions by hand, as a rollback would.
    await t.dataSource.query(`DELETE FROM monitoring_context_links WHERE monitoring_key = 'new_monitoring'`);
    await t.dataSource.query(`DELETE FROM monitorings WHERE key = 'new_monitoring'`);
    for (const table of ['monitoring_categories', 'monitorings', 'monitoring_contexts']) {
      await t.dataSource.query(`UPDATE ${table} SET catalog_version = $1`, [CATALOG.version]);
    }
    // Every position moved back, and the retired monitoring returned.
    const restored = await seeder.seed(CATALOG);
    expect(restored.status === 'seeded' && restored.monitorings.updated).toBe(CATALOG.monitorings.length);
    const again = await seeder.seed(CATALOG);
    expect(again.status === 'seeded' && again.monitorings.updated).toBe(0);
    const [back] = await t.dataSource.query(`SELECT retired_at FROM monitorings WHERE key = $1`, [first!.key]);
    expect(back.retired_at).toBeNull();
  });
});
