import { describe, expect, it } from '@jest/globals';
import {
  SCHEMA_ENTERPRISE_USER,
  SCHEMA_GROUP,
  SCHEMA_RESOURCE_TYPE,
  SCHEMA_SCHEMA,
  SCHEMA_SERVICE_PROVIDER_CONFIG,
  SCHEMA_USER,
  listResponse,
  resourceTypes,
  schemas,
  serviceProviderConfig,
  type AttributeDefinition,
} from './index.js';

const BASE = 'https://gatehouse.example/scim/v2/conn-1/';

describe('serviceProviderConfig', () => {
  it('advertises exactly what is implemented', () => {
    const config = serviceProviderConfig({ baseUrl: BASE, maxResults: 500 });
    expect(config.schemas).toEqual([SCHEMA_SERVICE_PROVIDER_CONFIG]);
    expect(config.patch).toEqual({ supported: true });
    expect(config.bulk.supported).toBe(false);
    expect(config.filter).toEqual({ supported: true, maxResults: 500 });
    expect(config.changePassword).toEqual({ supported: false });
    expect(config.sort).toEqual({ supported: false });
    expect(config.etag).toEqual({ supported: false });
    expect(config.authenticationSchemes).toEqual([expect.objectContaining({ type: 'oauthbearertoken', primary: true })]);
    expect(config.meta).toEqual({
      resourceType: 'ServiceProviderConfig',
      location: 'https://gatehouse.example/scim/v2/conn-1/ServiceProviderConfig',
    });
  });

  it('defaults maxResults to the page cap', () => {
    expect(serviceProviderConfig({ baseUrl: BASE }).filter.maxResults).toBe(1000);
  });
});

describe('resourceTypes', () => {
  it('lists User (with the optional enterprise extension) first, then Group', () => {
    const types = resourceTypes(BASE);
    expect(types.map((t) => t.endpoint)).toEqual(['/Users', '/Groups']);
    expect(types[0]).toEqual({
      schemas: [SCHEMA_RESOURCE_TYPE],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'User Account',
      schema: SCHEMA_USER,
      schemaExtensions: [{ schema: SCHEMA_ENTERPRISE_USER, required: false }],
      meta: { resourceType: 'ResourceType', location: 'https://gatehouse.example/scim/v2/conn-1/ResourceTypes/User' },
    });
    expect(types[1]).toMatchObject({ id: 'Group', schema: SCHEMA_GROUP, schemaExtensions: [] });
    expect(listResponse(types).Resources[0]!.endpoint).toBe('/Users');
  });
});

describe('schemas', () => {
  const docs = schemas(BASE);
  const byId = (id: string) => docs.find((d) => d.id === id)!;
  const attr = (id: string, name: string) => byId(id).attributes.find((a) => a.name === name)!;

  it('describes User, EnterpriseUser and Group with meta', () => {
    expect(docs.map((d) => d.id)).toEqual([SCHEMA_USER, SCHEMA_ENTERPRISE_USER, SCHEMA_GROUP]);
    for (const doc of docs) {
      expect(doc.schemas).toEqual([SCHEMA_SCHEMA]);
      expect(doc.meta).toEqual({ resourceType: 'Schema', location: `https://gatehouse.example/scim/v2/conn-1/Schemas/${doc.id}` });
    }
    expect(JSON.stringify(docs)).toContain('User Account');
  });

  it('gives every attribute the full set of characteristics', () => {
    const check = (a: AttributeDefinition) => {
      expect(a).toEqual(
        expect.objectContaining({
          name: expect.any(String),
          type: expect.any(String),
          multiValued: expect.any(Boolean),
          description: expect.any(String),
          required: expect.any(Boolean),
          caseExact: expect.any(Boolean),
          mutability: expect.any(String),
          returned: expect.any(String),
          uniqueness: expect.any(String),
        }),
      );
      if (a.type === 'complex') expect(a.subAttributes!.length).toBeGreaterThan(0);
      a.subAttributes?.forEach(check);
    };
    docs.forEach((d) => d.attributes.forEach(check));
  });

  it('covers the core User attributes with the right characteristics', () => {
    const names = byId(SCHEMA_USER).attributes.map((a) => a.name);
    for (const name of ['userName', 'name', 'displayName', 'emails', 'phoneNumbers', 'addresses', 'active', 'groups', 'roles', 'title']) {
      expect(names).toContain(name);
    }
    expect(attr(SCHEMA_USER, 'userName')).toMatchObject({ required: true, uniqueness: 'server', caseExact: false });
    expect(attr(SCHEMA_USER, 'groups')).toMatchObject({ mutability: 'readOnly', multiValued: true });
    expect(attr(SCHEMA_USER, 'active').type).toBe('boolean');
    expect(attr(SCHEMA_USER, 'emails').subAttributes!.map((s) => s.name)).toEqual(['value', 'display', 'type', 'primary']);
    expect(names).not.toContain('password');
  });

  it('covers the enterprise extension and Group', () => {
    expect(byId(SCHEMA_ENTERPRISE_USER).attributes.map((a) => a.name)).toEqual([
      'employeeNumber',
      'costCenter',
      'organization',
      'division',
      'department',
      'manager',
    ]);
    expect(attr(SCHEMA_ENTERPRISE_USER, 'manager').subAttributes!.map((s) => s.name)).toEqual(['value', '$ref', 'displayName']);
    expect(attr(SCHEMA_GROUP, 'displayName').required).toBe(true);
    expect(attr(SCHEMA_GROUP, 'members')).toMatchObject({ multiValued: true, type: 'complex' });
  });

  it('hands out copies, so callers cannot alter the definitions', () => {
    schemas(BASE)[0]!.attributes[0]!.required = false;
    expect(attr(SCHEMA_USER, 'userName').required).toBe(true);
  });
});
