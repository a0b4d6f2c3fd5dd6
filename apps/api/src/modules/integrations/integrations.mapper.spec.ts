import { describe, expect, it } from '@jest/globals';
import { getMonitoring, validateRequestBody, type Monitoring } from '@gatehouse/schemas';
import type { Integration } from './entities/integration.entity.js';
import { logoUrl, toIntegrationDetail, toIntegrationListItem } from './integrations.mapper.js';

const row: Integration = {
  id: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
  companyId: 'c',
  kind: 'custom',
  name: 'HR',
  description: null,
  strict: false,
  createdBy: null,
  createdAt: new Date('2026-01-01T00:00:00Z'),
  updatedAt: new Date('2026-01-02T00:00:00Z'),
};
const monitorings = ['employee_onboarding_offboarding', 'terminated_user_access_removal'].map((k) => getMonitoring(k)!) as Monitoring[];

describe('toIntegrationDetail', () => {
  const detail = toIntegrationDetail({ integration: row, logoSha256: null, monitorings }, 'https://gh.example.com/', 50 * 1024 * 1024);

  it('lists each context once, naming every monitoring that needs it', () => {
    expect(detail.contexts.map((c) => [c.key, c.monitorings.map((m) => m.id)])).toEqual([
      ['list_employees', ['employee_onboarding_offboarding', 'terminated_user_access_removal']],
      ['list_users', ['terminated_user_access_removal']],
    ]);
  });

  it('gives the endpoint under the public URL, the headers, and a sample body the schema accepts', () => {
    const users = detail.contexts[1]!;
    expect(users.endpointUrl).toBe(`https://gh.example.com/external/v2/integration/${row.id}/context/list_users`);
    expect(users.method).toBe('POST');
    expect(users.requiredHeaders.map((h) => `${h.name}: ${h.value}`)).toEqual(['Content-Type: application/json', 'x-api-key: YOUR_API_KEY_HERE']);
    expect(validateRequestBody(users.sampleRequestBody, users.schema).valid).toBe(true);
    expect(users.curlExample.split(' \\\n')[0]).toBe(`curl -X POST '${users.endpointUrl}'`);
  });

  it('samples three records like the published examples: one employee has left, each user has other roles', () => {
    const [employees, users] = detail.contexts;
    expect(employees!.sampleRequestBody.data.map((e) => e.employment_status)).toEqual(['Active', 'Active', 'Terminated']);
    expect(employees!.sampleRequestBody.data[2]).toHaveProperty('termination_date');
    expect(new Set(users!.sampleRequestBody.data.map((u) => JSON.stringify(u.role))).size).toBe(3);
  });
});

describe('toIntegrationListItem', () => {
  it('summarises categories and contexts, and versions the logo URL by content', () => {
    const item = toIntegrationListItem({ integration: row, logoSha256: 'ab'.repeat(32), monitorings });
    expect(item.categories.map((c) => c.key)).toEqual(['hr', 'identity_access']);
    expect(item.contextCount).toBe(2);
    expect(item).toMatchObject({ hasLogo: true, logoUrl: `/api/integrations/${row.id}/logo?v=${'ab'.repeat(8)}` });
    expect(logoUrl(row.id, null)).toBeNull();
  });
});
