import { describe, expect, it } from '@jest/globals';
import { getContextSchema, type JsonSchema } from '@gatehouse/schemas';
import { requiredFieldNames, schemaPropertyRows } from './schema-properties';

describe('schemaPropertyRows', () => {
  it('lists the published Employee schema with types, formats and the required id', () => {
    const rows = schemaPropertyRows(getContextSchema('list_employees')!);
    expect(rows).toHaveLength(14);
    expect(rows.find((r) => r.name === 'email')).toEqual({
      name: 'email',
      type: 'string',
      format: 'email',
      required: false,
      description: 'Email address of the employee',
      recordKey: false,
      depth: 0,
    });
    expect(rows.find((r) => r.name === 'id')).toMatchObject({ required: true, recordKey: true });
    expect(rows.find((r) => r.name === 'hiring_date')!.format).toBe('date-time');
  });

  it('describes arrays by their items', () => {
    const role = schemaPropertyRows(getContextSchema('list_users')!).find((r) => r.name === 'role')!;
    expect(role).toMatchObject({ type: 'array of string', format: 'unique items', required: false });
  });

  it('spells out allowed values, ranges and union types', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: {
        status: { type: 'string', enum: ['open', 'closed'] },
        score: { type: 'number', minimum: 0, maximum: 10 },
        note: { type: ['string', 'null'] },
        methods: { type: 'array', items: { type: 'string', enum: ['totp', 'sms'] } },
      },
    };
    expect(schemaPropertyRows(schema).map((r) => [r.name, r.type, r.format])).toEqual([
      ['status', 'string', 'one of: open, closed'],
      ['score', 'number', '≥ 0; ≤ 10'],
      ['note', 'string | null', ''],
      ['methods', 'array of string', 'items: one of: totp, sms'],
    ]);
  });

  it('puts nested fields right after their parent with a dotted name', () => {
    const schema: JsonSchema = {
      type: 'object',
      required: ['owner'],
      properties: {
        owner: { type: 'object', required: ['id'], properties: { id: { type: 'string' }, email: { type: 'string', format: 'email' } } },
        findings: { type: 'array', items: { type: 'object', properties: { severity: { type: 'string' } } } },
        title: { type: 'string' },
      },
    };
    expect(schemaPropertyRows(schema).map((r) => [r.name, r.type, r.required, r.depth])).toEqual([
      ['owner', 'object', true, 0],
      ['owner.id', 'string', true, 1],
      ['owner.email', 'string', false, 1],
      ['findings', 'array of object', false, 0],
      ['findings[].severity', 'string', false, 1],
      ['title', 'string', false, 0],
    ]);
  });

  it('copes with a schema without properties', () => {
    expect(schemaPropertyRows({ type: 'object' })).toEqual([]);
  });
});

describe('requiredFieldNames', () => {
  it('names the three required user access fields', () => {
    expect(requiredFieldNames(getContextSchema('list_users')!)).toEqual(['account_project_id', 'username', 'identifier']);
  });
});
