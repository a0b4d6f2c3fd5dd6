import { describe, expect, it } from '@jest/globals';

import {
  createAjv,
  listContexts,
  recordKeyOf,
  sampleRecord,
  sampleRequestBody,
  validateRecords,
  validateRequestBody,
  type JsonSchema,
} from '../index.js';

describe.each(listContexts().map((c) => [c.key, c] as const))('samples for %s', (key, context) => {
  it('generate a record valid against the schema', () => {
    expect(validateRecords(context.schema, [sampleRecord(context.schema)]).errors).toEqual([]);
  });

  it('generate a request body of distinct, valid records (default 3)', () => {
    const body = sampleRequestBody(key);
    expect(body.data).toHaveLength(3);
    expect(validateRequestBody(body, context.schema)).toEqual({ valid: true, recordCount: 3, errorCount: 0, errors: [] });
  });

  it('stay valid and distinct for larger bodies', () => {
    const body = sampleRequestBody(context.schema, 25);
    expect(validateRequestBody(body, key).errors).toEqual([]);
    const recordKey = recordKeyOf(context.schema)!;
    expect(new Set(body.data.map((r) => r[recordKey])).size).toBe(25);
  });

  it('fill every required field and use every declared property name only', () => {
    const record = sampleRecord(key);
    for (const name of context.schema.required) expect(record).toHaveProperty(name);
    for (const name of Object.keys(record)) expect(Object.keys(context.schema.properties)).toContain(name);
  });
});

describe('realistic values', () => {
  it('makes an employee that reads like the published example', () => {
    expect(sampleRecord('list_employees')).toMatchObject({
      id: 'emp_001',
      employee_name: 'Sarah Johnson',
      first_name: 'Sarah',
      last_name: 'Johnson',
      email: 'sarah.johnson@example.com',
      hiring_date: '2022-03-15T00:00:00Z',
      employment_status_normalized: 'active',
    });
    // An active employee has no termination date.
    expect(sampleRecord('list_employees')).not.toHaveProperty('termination_date');
  });

  it('makes a user access record with role and group arrays', () => {
    expect(sampleRecord('list_users')).toEqual({
      account_project_id: 'proj_123456',
      username: 'sarah.johnson',
      identifier: 'arn:aws:iam::123456789012:user/sarah.johnson',
      role: ['Developer', 'Team Lead'],
      groups: ['Engineering', 'Team-Alpha'],
      is_admin: false,
      email: 'sarah.johnson@example.com',
    });
  });

  it('varies people between records of one body', () => {
    const [first, second] = sampleRequestBody('list_employees').data;
    expect(first!.id).toBe('emp_001');
    expect(second!.id).toBe('emp_002');
    expect(second!.email).toBe('michael.chen@example.com');
  });

  it('lists three employees like the published example, the third one terminated', () => {
    const [first, second, third] = sampleRequestBody('list_employees').data;
    for (const active of [first!, second!]) {
      expect(active).toMatchObject({ employment_status: 'Active', employment_status_normalized: 'active', lifecycle_status: 'employed' });
      expect(active).not.toHaveProperty('termination_date');
    }
    expect(third).toMatchObject({
      id: 'emp_003',
      employee_name: 'Emily Rodriguez',
      hiring_date: '2023-01-10T00:00:00Z',
      termination_date: '2023-12-15T00:00:00Z',
      employment_status: 'Terminated',
      employment_status_normalized: 'terminated',
      lifecycle_status: 'offboarded',
    });
  });

  it('lists three users with distinct roles, one of them an admin', () => {
    const users = sampleRequestBody('list_users').data;
    expect(users.map((u) => [u.username, u.role, u.groups, u.is_admin])).toEqual([
      ['sarah.johnson', ['Developer', 'Team Lead'], ['Engineering', 'Team-Alpha'], false],
      ['michael.chen', ['Product Owner'], ['Product', 'Leadership'], true],
      ['emily.rodriguez', ['Viewer'], ['Marketing'], false],
    ]);
  });

  it('is deterministic', () => {
    expect(sampleRequestBody('list_vendors', 3)).toEqual(sampleRequestBody('list_vendors', 3));
  });

  it('uses the first enum value and compliant booleans', () => {
    const device = sampleRecord('list_devices');
    expect(device.device_type).toBe('laptop');
    expect(device.disk_encrypted).toBe(true);
    const resource = sampleRecord('list_cloud_resources');
    expect(resource.publicly_accessible).toBe(false);
    expect(resource.provider).toBe('aws');
  });

  it('throws for an unknown context key', () => {
    expect(() => sampleRecord('list_unicorns')).toThrow(/Unknown monitoring context "list_unicorns"/);
  });
});

describe('schemas outside the catalog', () => {
  const schema: JsonSchema = {
    type: 'object',
    title: 'Widget',
    properties: {
      key: { type: 'string', enum: ['alpha', 'beta', 'gamma'] },
      uuid: { type: 'string', format: 'uuid' },
      day: { type: 'string', format: 'date' },
      link: { type: 'string', format: 'uri' },
      host: { type: 'string', format: 'hostname' },
      ip: { type: 'string', format: 'ipv4' },
      code: { type: 'string', minLength: 20, maxLength: 25 },
      short: { type: 'string', maxLength: 3 },
      ratio: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
      count: { type: 'integer', minimum: 10, multipleOf: 5 },
      maybe: { type: ['string', 'null'] },
      fixed: { const: 'v1' },
      nested: {
        type: 'object',
        properties: { inner: { type: 'array', items: { type: 'integer' }, minItems: 3, uniqueItems: true } },
        required: ['inner'],
      },
      list: { type: 'array', items: { $ref: '#/definitions/part' } },
      either: { anyOf: [{ type: 'null' }, { type: 'boolean' }] },
      combined: { allOf: [{ type: 'object', properties: { a: { type: 'string' } }, required: ['a'] }, { properties: { b: { type: 'integer' } } }] },
      declared_only: { type: 'object', required: ['x'] },
    },
    required: ['key', 'code'],
    definitions: { part: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } },
    'x-record-key': 'key',
  };

  it('generates valid records for formats, bounds, refs and combinations', () => {
    const ajv = createAjv();
    const validate = ajv.compile(schema as object);
    const body = sampleRequestBody(schema, 3);
    for (const record of body.data) {
      expect(validate(record) ? [] : validate.errors).toEqual([]);
    }
    expect(body.data.map((r) => r.key)).toEqual(['alpha', 'beta', 'gamma']);
  });

  it('makes record keys distinct even when drawn from a short list', () => {
    const body = sampleRequestBody({ type: 'object', properties: { name: { type: 'string' } }, required: ['name'], 'x-record-key': 'name' }, 12);
    expect(new Set(body.data.map((r) => r.name)).size).toBe(12);
  });
});
