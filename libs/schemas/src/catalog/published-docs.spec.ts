import { describe, expect, it } from '@jest/globals';

import { EMPLOYEE_SCHEMA, USER_ACCESS_RECORD_SCHEMA, getContextSchema, validateRequestBody } from '../index.js';

// Copied character for character from the published user documentation. If one of these
// tests fails, the catalog no longer matches what customers were told to build against.

// Documentation: "Employee Schema".
const PUBLISHED_EMPLOYEE_SCHEMA = `{
"type": "object",
"title": "Employee",
"description": "Schema for employee record",
"properties": {
"employee_name": {
"type": "string",
"description": "Full name of the employee"
},
"email": {
"type": "string",
"description": "Email address of the employee",
"format": "email"
},
"job_title": {
"type": "string",
"description": "Job title of the employee"
},
"manager": {
"type": "string",
"description": "Manager of the employee"
},
"hiring_date": {
"type": "string",
"format": "date-time",
"description": "Hiring date of the employee"
},
"termination_date": {
"type": "string",
"format": "date-time",
"description": "Termination date if applicable"
},
"employment_type": {
"type": "string",
"description": "Type of employment"
},
"employment_status": {
"type": "string",
"description": "Current status of employment"
},
"id": {
"type": "string",
"description": "Unique identifier of the employee"
},
"first_name": {
"type": "string",
"description": "First name of the employee"
},
"last_name": {
"type": "string",
"description": "Last name of the employee"
},
"employment_status_normalized": {
"type": "string",
"description": "Normalized employment status"
},
"department": {
"type": "string",
"description": "Department of the employee"
},
"lifecycle_status": {
"type": "string",
"description": "Lifecycle status of the employee"
}
},
"required": ["id"]
}`;

// Documentation: "User Access Schema".
const PUBLISHED_USER_ACCESS_SCHEMA = `{
"type": "object",
"title": "UserAccessRecordSchema",
"description": "Schema for a user's access record within a company/account.",
"properties": {
"account_project_id": {
"type": "string",
"description": "ID of the account or project."
},
"username": {
"type": "string",
"description": "User's login name."
},
"identifier": {
"type": "string",
"description": "User's unique identifier (e.g., ARN or equivalent)."
},
"role": {
"type": "array",
"description": "Roles or policies assigned to the user.",
"items": {
"type": "string"
},
"uniqueItems": true
},
"groups": {
"type": "array",
"description": "Groups the user belongs to.",
"items": {
"type": "string"
},
"uniqueItems": true
},
"is_admin": {
"type": "boolean",
"description": "Whether the user has admin privileges."
},
"email": {
"type": "string",
"format": "email",
"description": "User's email address."
}
},
"required": ["account_project_id", "username", "identifier"]
}`;

// Documentation: "Example 1: Submitting Employee Records", request body.
const PUBLISHED_EMPLOYEES_BODY = `{
"data": [
{
"id": "emp_001",
"employee_name": "Sarah Johnson",
"first_name": "Sarah",
"last_name": "Johnson",
"email": "sarah.johnson@company.com",
"job_title": "Senior Software Engineer",
"department": "Engineering",
"manager": "John Smith",
"hiring_date": "2022-03-15T00:00:00Z",
"employment_type": "Full-time",
"employment_status": "Active",
"employment_status_normalized": "active",
"lifecycle_status": "employed"
},
{
"id": "emp_002",
"employee_name": "Michael Chen",
"first_name": "Michael",
"last_name": "Chen",
"email": "michael.chen@company.com",
"job_title": "Product Manager",
"department": "Product",
"manager": "Lisa Wang",
"hiring_date": "2021-07-01T00:00:00Z",
"employment_type": "Full-time",
"employment_status": "Active",
"employment_status_normalized": "active",
"lifecycle_status": "employed"
},
{
"id": "emp_003",
"employee_name": "Emily Rodriguez",
"first_name": "Emily",
"last_name": "Rodriguez",
"email": "emily.rodriguez@company.com",
"job_title": "Marketing Specialist",
"department": "Marketing",
"hiring_date": "2023-01-10T00:00:00Z",
"termination_date": "2023-12-15T00:00:00Z",
"employment_type": "Full-time",
"employment_status": "Terminated",
"employment_status_normalized": "terminated",
"lifecycle_status": "offboarded"
}
]
}`;

// Documentation: "Example 2: Submitting User Access Records", request body.
const PUBLISHED_USERS_BODY = `{
"data": [
{
"account_project_id": "proj_123456",
"username": "sarah.johnson",
"identifier": "arn:aws:iam::123456789012:user/sarah.johnson",
"email": "sarah.johnson@company.com",
"role": [
"Developer",
"Team Lead"
],
"groups": [
"Engineering",
"Team-Alpha"
],
"is_admin": false
},
{
"account_project_id": "proj_123456",
"username": "michael.chen",
"identifier": "arn:aws:iam::123456789012:user/michael.chen",
"email": "michael.chen@company.com",
"role": [
"Product Owner"
],
"groups": [
"Product",
"Leadership"
],
"is_admin": true
},
{
"account_project_id": "proj_789012",
"username": "contractor_001",
"identifier": "arn:aws:iam::123456789012:user/contractor_001",
"role": [
"Viewer"
],
"groups": [
"Contractors"
],
"is_admin": false
}
]
}`;

type Json = Record<string, unknown>;
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const employeesBody = (): { data: Json[] } => JSON.parse(PUBLISHED_EMPLOYEES_BODY);
const usersBody = (): { data: Json[] } => JSON.parse(PUBLISHED_USERS_BODY);

function withoutRecordKey(schema: object): Json {
  const { 'x-record-key': _ignored, ...rest } = schema as Json;
  return rest;
}

describe('published schemas', () => {
  it.each([
    ['list_employees', EMPLOYEE_SCHEMA, PUBLISHED_EMPLOYEE_SCHEMA, 'id'],
    ['list_users', USER_ACCESS_RECORD_SCHEMA, PUBLISHED_USER_ACCESS_SCHEMA, 'identifier'],
  ] as const)('%s is exactly the published schema plus x-record-key', (contextKey, schema, published, recordKey) => {
    expect(getContextSchema(contextKey)).toBe(schema);
    expect(schema['x-record-key']).toBe(recordKey);
    expect(withoutRecordKey(schema)).toEqual(JSON.parse(published));
    // Same key order too, so the schema we display reads exactly like the documentation.
    expect(JSON.stringify(withoutRecordKey(schema), null, 2)).toBe(JSON.stringify(JSON.parse(published), null, 2));
  });
});

describe('published example request bodies', () => {
  it('accepts the employee example exactly as published', () => {
    expect(validateRequestBody(employeesBody(), 'list_employees')).toEqual({ valid: true, recordCount: 3, errorCount: 0, errors: [] });
  });

  it('accepts the user access example exactly as published', () => {
    expect(validateRequestBody(usersBody(), 'list_users')).toEqual({ valid: true, recordCount: 3, errorCount: 0, errors: [] });
  });

  it('accepts the published bodies against a schema given by value as well as by context key', () => {
    expect(validateRequestBody(employeesBody(), clone(EMPLOYEE_SCHEMA)).valid).toBe(true);
    expect(validateRequestBody(usersBody(), clone(USER_ACCESS_RECORD_SCHEMA)).valid).toBe(true);
  });
});

describe('broken variants of the published examples', () => {
  it('names the record and field of a wrong email', () => {
    const body = employeesBody();
    body.data[1]!.email = 'michael.chen(at)company.com';
    const result = validateRequestBody(body, 'list_employees');
    expect(result).toEqual({
      valid: false,
      recordCount: 3,
      errorCount: 1,
      errors: [{ index: 1, path: 'email', message: 'must be a valid email address (format "email")' }],
    });
  });

  it('reports a missing id by its name', () => {
    const body = employeesBody();
    delete body.data[2]!.id;
    expect(validateRequestBody(body, 'list_employees').errors).toEqual([{ index: 2, path: 'id', message: 'is required' }]);
  });

  it('explains a date that is not an ISO date-time', () => {
    const body = employeesBody();
    body.data[0]!.hiring_date = '15/03/2022';
    expect(validateRequestBody(body, 'list_employees').errors).toEqual([
      { index: 0, path: 'hiring_date', message: 'must be an ISO 8601 date-time, e.g. 2024-01-15T09:30:00Z' },
    ]);
  });

  it('reports all three missing required user fields at once', () => {
    const body = usersBody();
    body.data[2] = { email: 'contractor@company.com', role: ['Viewer'] };
    const result = validateRequestBody(body, 'list_users');
    expect(result.errorCount).toBe(3);
    expect(result.errors).toEqual([
      { index: 2, path: 'account_project_id', message: 'is required' },
      { index: 2, path: 'username', message: 'is required' },
      { index: 2, path: 'identifier', message: 'is required' },
    ]);
  });

  it('says role must be an array of strings when it is a string', () => {
    const body = usersBody();
    body.data[1]!.role = 'Product Owner';
    expect(validateRequestBody(body, 'list_users').errors).toEqual([
      { index: 1, path: 'role', message: 'must be an array of strings (got string "Product Owner")' },
    ]);
  });

  it('locates a non-string role entry by its position', () => {
    const body = usersBody();
    body.data[0]!.role = ['Developer', 42];
    expect(validateRequestBody(body, 'list_users').errors).toEqual([
      { index: 0, path: 'role[1]', message: 'must be a string (got number 42)' },
    ]);
  });

  it('says is_admin must be a boolean when it is the string "true"', () => {
    const body = usersBody();
    body.data[1]!.is_admin = 'true';
    expect(validateRequestBody(body, 'list_users').errors).toEqual([
      { index: 1, path: 'is_admin', message: 'must be a boolean (got string "true")' },
    ]);
  });

  it('names the duplicated role entries', () => {
    const body = usersBody();
    body.data[0]!.role = ['Developer', 'Developer'];
    expect(validateRequestBody(body, 'list_users').errors).toEqual([
      { index: 0, path: 'role', message: 'must not contain duplicate items (items 0 and 1 are both "Developer")' },
    ]);
  });

  it('refuses two employees with the same id, naming both records', () => {
    const body = employeesBody();
    body.data[2]!.id = 'emp_001';
    expect(validateRequestBody(body, 'list_employees').errors).toEqual([
      { index: 2, path: 'id', message: 'duplicate id "emp_001": also used by record 0' },
    ]);
  });

  it('refuses two user records with the same identifier', () => {
    const body = usersBody();
    body.data.push({ ...body.data[1]!, username: 'michael.chen2' });
    expect(validateRequestBody(body, 'list_users').errors).toEqual([
      { index: 3, path: 'identifier', message: 'duplicate identifier "arn:aws:iam::123456789012:user/michael.chen": also used by record 1' },
    ]);
  });

  it('reports every problem of every record, in record order', () => {
    const body = usersBody();
    body.data[0]!.is_admin = 'false';
    body.data[0]!.email = 'nope';
    delete body.data[2]!.username;
    const result = validateRequestBody(body, 'list_users');
    expect(result.errors.map((e) => [e.index, e.path])).toEqual([
      [0, 'is_admin'],
      [0, 'email'],
      [2, 'username'],
    ]);
  });
});
