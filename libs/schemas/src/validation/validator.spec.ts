import { describe, expect, it } from '@jest/globals';

import {
  SchemaCompileError,
  UnknownContextError,
  checkRequestBodyShape,
  createRecordValidator,
  errorLocation,
  findDuplicateRecordKeys,
  formatValidationError,
  getContextSchema,
  getRecordValidator,
  parseAndValidateRequestBody,
  validateRecords,
  validateRequestBody,
  type JsonSchema,
} from '../index.js';

const NESTED_SCHEMA: JsonSchema = {
  type: 'object',
  title: 'NestedThing',
  description: 'Exercises paths and messages.',
  properties: {
    id: { type: 'string', description: 'Id.' },
    manager: {
      type: 'object',
      description: 'Manager.',
      properties: { id: { type: 'string' }, email: { type: 'string', format: 'email' } },
      required: ['id'],
    },
    items: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } },
    status: { type: 'string', enum: ['active', 'inactive'] },
    score: { type: 'number', minimum: 0, maximum: 10 },
    uuid: { type: 'string', format: 'uuid' },
    link: { type: 'string', format: 'uri' },
    day: { type: 'string', format: 'date' },
    'odd key': { type: 'integer' },
    strict_map: { type: 'object', additionalProperties: false, properties: { a: { type: 'string' } } },
    tags: { type: 'array', items: { type: 'string' }, minItems: 1 },
  },
  required: ['id'],
  'x-record-key': 'id',
};

describe('field paths and messages', () => {
  it.each([
    [{ id: 'a', manager: {} }, 'manager.id', 'is required'],
    [{ id: 'a', manager: { id: 'm', email: 'x' } }, 'manager.email', 'must be a valid email address (format "email")'],
    [{ id: 'a', items: [{ name: 'ok' }, {}] }, 'items[1].name', 'is required'],
    [{ id: 'a', status: 'gone' }, 'status', 'must be one of "active", "inactive" (got string "gone")'],
    [{ id: 'a', score: 11 }, 'score', 'must be at most 10 (got number 11)'],
    [{ id: 'a', score: '7' }, 'score', 'must be a number (got string "7")'],
    [{ id: 'a', uuid: '123' }, 'uuid', 'must be a UUID, e.g. 3f2504e0-4f89-41d3-9a0c-0305e82c3301'],
    [{ id: 'a', link: 'example.com/x' }, 'link', 'must be an absolute URI, e.g. https://example.com/reports/2024.pdf'],
    [{ id: 'a', day: '2024-13-01' }, 'day', 'must be an ISO 8601 date, e.g. 2024-01-15'],
    [{ id: 'a', 'odd key': 1.5 }, '["odd key"]', 'must be an integer (got number 1.5)'],
    [{ id: 'a', strict_map: { a: 'x', b: 'y' } }, 'strict_map.b', 'is not an allowed field'],
    [{ id: 'a', tags: [] }, 'tags', 'must contain at least 1 item'],
    [{ id: 7 }, 'id', 'must be a string (got number 7)'],
    [{ id: null }, 'id', 'must be a string (got null)'],
    ['just text', '', 'must be an object (got string "just text")'],
    [null, '', 'must be an object (got null)'],
    [[1], '', 'must be an object (got an array)'],
  ])('%j → %s %s', (record, path, message) => {
    expect(validateRecords(NESTED_SCHEMA, [record]).errors).toEqual([{ index: 0, path, message }]);
  });

  it('accepts fields the schema does not declare', () => {
    expect(validateRecords('list_employees', [{ id: 'e1', favourite_colour: 'blue' }]).valid).toBe(true);
  });

  it('shortens long values in messages', () => {
    const [error] = validateRecords('list_users', [
      { account_project_id: 'p', username: 'u', identifier: 'i', is_admin: 'x'.repeat(500) },
    ]).errors;
    expect(error!.message.length).toBeLessThan(120);
    expect(error!.message).toMatch(/^must be a boolean \(got string "x+…"\)$/);
  });

  it('locates errors in the request body for one-line summaries', () => {
    expect(errorLocation({ index: 3, path: 'email', message: 'm' })).toBe('data[3].email');
    expect(errorLocation({ index: 3, path: '', message: 'm' })).toBe('data[3]');
    expect(errorLocation({ index: 3, path: '["odd key"]', message: 'm' })).toBe('data[3]["odd key"]');
    expect(errorLocation({ index: null, path: 'data', message: 'm' })).toBe('data');
    expect(formatValidationError({ index: 0, path: 'role[1]', message: 'must be a string (got number 1)' })).toBe(
      'data[0].role[1]: must be a string (got number 1)',
    );
    expect(formatValidationError({ index: null, path: '', message: 'Invalid JSON.' })).toBe('Invalid JSON.');
  });
});

describe('bounded errors', () => {
  const broken = Array.from({ length: 250 }, (_, i) => ({ id: `emp_${i}`, email: 'not-an-email' }));

  it('returns the first 100 errors by default and counts them all', () => {
    const result = validateRecords('list_employees', broken);
    expect(result.valid).toBe(false);
    expect(result.recordCount).toBe(250);
    expect(result.errorCount).toBe(250);
    expect(result.errors).toHaveLength(100);
    expect(result.errors[0]).toEqual({ index: 0, path: 'email', message: 'must be a valid email address (format "email")' });
    expect(result.errors[99]!.index).toBe(99);
  });

  it('honours a smaller maxErrors, also for request bodies, counting duplicates too', () => {
    const records = [...broken.slice(0, 10), { id: 'emp_0' }];
    const result = validateRequestBody({ data: records }, 'list_employees', { maxErrors: 5 });
    expect(result.errors).toHaveLength(5);
    expect(result.errorCount).toBe(11);
  });

  it('can return no error objects but still the count', () => {
    const result = validateRecords('list_employees', broken, { maxErrors: 0 });
    expect(result).toEqual({ valid: false, recordCount: 250, errorCount: 250, errors: [] });
  });
});

describe('duplicate record keys', () => {
  const records = [{ id: 'emp_001' }, { id: 'emp_002' }, { id: 'emp_003' }, { id: 'emp_004' }, { id: 'emp_005' }, { id: 'emp_003' }, { id: 'emp_003' }];

  it('names the duplicate and the record that used the key first', () => {
    expect(findDuplicateRecordKeys('list_employees', records)).toEqual([
      { index: 5, path: 'id', message: 'duplicate id "emp_003": also used by record 2' },
      { index: 6, path: 'id', message: 'duplicate id "emp_003": also used by record 2' },
    ]);
  });

  it('is part of record validation unless turned off', () => {
    expect(validateRecords('list_employees', records).errorCount).toBe(2);
    expect(validateRecords('list_employees', records, { checkDuplicates: false }).valid).toBe(true);
  });

  it('ignores records without a usable key (the schema check reports those) and keeps types apart', () => {
    expect(findDuplicateRecordKeys('list_employees', [{}, {}, null, 'x', { id: 1 }, { id: '1' }])).toEqual([]);
  });

  it('treats keys case-sensitively and handles keys like "__proto__"', () => {
    expect(findDuplicateRecordKeys('list_employees', [{ id: 'A' }, { id: 'a' }])).toEqual([]);
    expect(findDuplicateRecordKeys('list_employees', [{ id: '__proto__' }, { id: '__proto__' }])).toHaveLength(1);
  });

  it('finds nothing for a schema without x-record-key', () => {
    const schema: JsonSchema = { type: 'object', properties: { id: { type: 'string' } } };
    expect(findDuplicateRecordKeys(schema, [{ id: 'a' }, { id: 'a' }])).toEqual([]);
  });
});

describe('request body shape', () => {
  it.each([
    ['a bare array', [{ id: 'emp_001' }], /bare array.*"data"/],
    ['null', null, /JSON object with a "data" array.*\(got null\)/],
    ['a string', 'hello', /JSON object with a "data" array.*\(got string\)/],
    ['an object without data', { records: [] }, /no "data" field \(found "records"\)/],
    ['an empty object', {}, /no "data" field \(the object is empty\)/],
    ['data as one record', { data: { id: 'emp_001' } }, /"data" must be an array of records, even for a single record/],
    ['data as a string', { data: 'emp_001' }, /"data" must be an array of records.*\(got string\)/],
    ['data as null', { data: null }, /"data" must be an array of records.*\(got null\)/],
  ])('refuses %s with one body-level error on "data"', (_label, body, message) => {
    const result = validateRequestBody(body, 'list_employees');
    expect(result.valid).toBe(false);
    expect(result.recordCount).toBe(0);
    expect(result.errorCount).toBe(1);
    expect(result.errors).toEqual([{ index: null, path: 'data', message: expect.stringMatching(message) }]);
  });

  it('accepts an empty data array as 0 records', () => {
    expect(validateRequestBody({ data: [] }, 'list_users')).toEqual({ valid: true, recordCount: 0, errorCount: 0, errors: [] });
  });

  it('ignores other top-level fields next to data', () => {
    expect(validateRequestBody({ data: [{ id: 'e' }], source: 'hr-sync' }, 'list_employees').valid).toBe(true);
  });
});

describe('uploaded files', () => {
  it('parses and validates a file in the request body format', () => {
    const text = '\uFEFF{\n  "data": [\n    { "id": "emp_001", "email": "sarah.johnson@company.com" }\n  ]\n}\n';
    expect(parseAndValidateRequestBody(text, 'list_employees')).toEqual({ valid: true, recordCount: 1, errorCount: 0, errors: [] });
  });

  it('says where a file stops being JSON, by line and column', () => {
    const text = '{\n  "data": [\n    { "id": "emp_001" }\n    { "id": "emp_002" }\n  ]\n}';
    const result = parseAndValidateRequestBody(text, 'list_employees');
    expect(result.valid).toBe(false);
    expect(result.errorCount).toBe(1);
    expect(result.errors).toEqual([
      {
        index: null,
        path: '',
        line: 4,
        column: 5,
        message: 'Invalid JSON at line 4, column 5: expected "," or "]" after an array item but found "{" (is a comma missing?).',
      },
    ]);
  });

  it('checks the body shape of a file that parses', () => {
    expect(parseAndValidateRequestBody('[]', 'list_employees').errors[0]!.path).toBe('data');
    expect(parseAndValidateRequestBody('{"data": {}}', 'list_employees').errors[0]!.message).toMatch(/must be an array/);
  });

  it('validates records of a file that parses', () => {
    const result = parseAndValidateRequestBody('{"data": [{"id": "emp_001", "is_admin": true}, {}]}', 'list_employees');
    expect(result.errors).toEqual([{ index: 1, path: 'id', message: 'is required' }]);
  });
});

describe('compiled validator cache', () => {
  it('compiles a schema once and reuses it for the same object or the same content', () => {
    const schema = getContextSchema('list_devices')!;
    const first = createRecordValidator(schema);
    expect(createRecordValidator(schema)).toBe(first);
    expect(getRecordValidator('list_devices')).toBe(first);
    expect(createRecordValidator(JSON.parse(JSON.stringify(schema)) as JsonSchema)).toBe(first);
  });

  it('exposes the record key and single-record checks', () => {
    const validator = getRecordValidator('list_users');
    expect(validator.recordKey).toBe('identifier');
    expect(validator.isValid({ account_project_id: 'p', username: 'u', identifier: 'i' })).toBe(true);
    expect(validator.validateRecord({ username: 'u' }, 4).map((e) => `${e.index}:${e.path}`)).toEqual(['4:account_project_id', '4:identifier']);
  });

  it('refuses an unknown context key and an invalid schema', () => {
    expect(() => validateRecords('list_unicorns', [])).toThrow(UnknownContextError);
    expect(() => createRecordValidator({ type: 'object', properties: { a: { type: 'strin' } } } as unknown as JsonSchema)).toThrow(
      SchemaCompileError,
    );
  });
});

describe('performance', () => {
  it('validates 100k small records quickly and without building errors for valid ones', () => {
    const users = Array.from({ length: 100_000 }, (_, i) => ({
      account_project_id: 'proj_123456',
      username: `user.${i}`,
      identifier: `arn:aws:iam::123456789012:user/user.${i}`,
      email: `user.${i}@company.com`,
      role: ['Developer', 'Team Lead'],
      groups: ['Engineering'],
      is_admin: i % 50 === 0,
    }));
    validateRequestBody({ data: users.slice(0, 1000) }, 'list_users'); // warm up
    const started = performance.now();
    const result = validateRequestBody({ data: users }, 'list_users');
    const elapsed = performance.now() - started;
    expect(result).toEqual({ valid: true, recordCount: 100_000, errorCount: 0, errors: [] });
    // Typically ~100 ms; the margin absorbs slow, shared CI machines.
    expect(elapsed).toBeLessThan(2000);
  });
});

describe('records validated one at a time', () => {
  it('gives what validateRecords gives over all of them', () => {
    const validator = getRecordValidator('list_employees');
    const records: unknown[] = [{ id: 'a' }, { id: 'b', email: 'nope' }, { id: 'a' }, 'text', { id: 3 }, { id: 'c', email: 'x' }];
    for (const maxErrors of [undefined, 2, 0]) {
      const validation = validator.startValidation({ maxErrors });
      const added = records.map((r) => validation.add(r));
      expect(added).toEqual([true, false, false, false, false, false]);
      expect(validation.recordCount).toBe(6);
      expect(validation.result()).toEqual(validator.validateRecords(records, { maxErrors }));
    }
  });

  it('checks duplicates unless turned off', () => {
    const validation = getRecordValidator('list_employees').startValidation({ checkDuplicates: false });
    validation.add({ id: 'a' });
    expect(validation.add({ id: 'a' })).toBe(true);
    expect(validation.errorCount).toBe(0);
  });
});

describe('checkRequestBodyShape', () => {
  it('is null for {"data": [...]} and says what is wrong otherwise', () => {
    expect(checkRequestBodyShape({ data: [], other: 1 })).toBeNull();
    expect(checkRequestBodyShape([])?.message).toMatch(/^The request body is a bare array/);
    expect(checkRequestBodyShape({ data: 'x' })).toEqual({ index: null, path: 'data', message: expect.stringMatching(/\(got string\)/) });
  });
});
