import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { signUpAdmin, startTestApp, type Admin, type TestApp } from '../support/test-app.js';

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();
const connector = (name: string) => ({ name, enabled: false, auth: { type: 'bearer' }, capabilities: {}, mappings: {} });

describe('per-company caps on API keys and connectors', () => {
  let t: TestApp;
  let admin: Admin;
  let other: Admin;
  beforeAll(async () => {
    t = await startTestApp({ MAX_API_KEYS_PER_COMPANY: '3', MAX_CONNECTORS_PER_COMPANY: '2' });
    admin = await signUpAdmin(t);
    other = await signUpAdmin(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('POST /api/api-keys past the cap, even in a concurrent burst, is 409 naming the cap; a revoked key frees a place', async () => {
    const burst = await Promise.all(Array.from({ length: 6 }, (_, i) => admin.post('/api/api-keys').send({ name: `key ${i}`, expiresAt: inDays(30) })));
    expect(burst.filter((r) => r.status === 201)).toHaveLength(3);
    const refused = burst.filter((r) => r.status === 409);
    expect(refused).toHaveLength(3);
    expect(refused[0]!.body.message).toMatch(/already has 3 active API keys, the most this server allows/);
    const rows = await t.dataSource.query('SELECT count(*)::int AS n FROM api_keys WHERE company_id = $1', [admin.me.company.id]);
    expect(rows[0].n).toBe(3);
    // Another company is not affected.
    await other.post('/api/api-keys').send({ name: 'theirs', expiresAt: inDays(30) }).expect(201);
    const first = burst.find((r) => r.status === 201)!.body as { id: string };
    await admin.post(`/api/api-keys/${first.id}/revoke`).expect(200);
    await admin.post('/api/api-keys').send({ name: 'replacement', expiresAt: inDays(30) }).expect(201);
  });

  it('POST /api/connectors and POST …/copy past the cap are 409 naming the cap; deleting one frees a place', async () => {
    const burst = await Promise.all([0, 1, 2, 3].map((i) => admin.post('/api/connectors').send(connector(`Conn ${i}`))));
    expect(burst.filter((r) => r.status === 201)).toHaveLength(2);
    const refused = burst.filter((r) => r.status === 409);
    expect(refused).toHaveLength(2);
    expect(refused[0]!.body.message).toMatch(/already has 2 connectors, the most this server allows/);
    const kept = burst.find((r) => r.status === 201)!.body as { id: string };
    const copy = await admin.post(`/api/connectors/${kept.id}/copy`).send({ name: 'Copy' }).expect(409);
    expect(copy.body.message).toMatch(/2 connectors/);
    const rows = await t.dataSource.query('SELECT count(*)::int AS n FROM connectors WHERE company_id = $1', [admin.me.company.id]);
    expect(rows[0].n).toBe(2);
    await other.post('/api/connectors').send(connector('Theirs')).expect(201);
    await admin.delete(`/api/connectors/${kept.id}`).expect(204);
    await admin.post('/api/connectors').send(connector('After delete')).expect(201);
  });
});
