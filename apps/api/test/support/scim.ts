import type { IdpProfile } from '@gatehouse/contracts';
import request from 'supertest';
import { ALL_CAPABILITIES, jsonMappings, xmlMappings, type FakeDirectoryApp } from './scim-fake-app.js';
import type { Admin, TestApp } from './test-app.js';

export const SCIM_JSON = 'application/scim+json';
export const APP_SECRET = 'app-api-token-0f9e8d7c6b5a';
export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

export type ConnectorOptions = {
  dialect?: 'json' | 'xml';
  capabilities?: Partial<Record<keyof typeof ALL_CAPABILITIES, boolean>>;
  deactivationAsDelete?: boolean;
  enabled?: boolean;
  /** Mappings laid over the dialect's own (by operation). */
  mappings?: Record<string, unknown>;
  /**
   * `entra` unless given: most suites replay Entra ID's and Microsoft's sequences, which expect a
   * PATCH answered 204. `null` sends no idpProfile, so the connector gets the product's default.
   */
  idpProfile?: IdpProfile | null;
};

export type ScimConnector = { id: string; token: string; baseUrl: string };

let n = 0;

/**
 * A Custom HTTP connector created through the admin API, pointing at the fake app (plain http
 * allowed), with its secret set and a SCIM token issued.
 */
export async function createScimConnector(admin: Admin, app: FakeDirectoryApp, opts: ConnectorOptions = {}): Promise<ScimConnector> {
  n += 1;
  const dialect = opts.dialect ?? 'json';
  const capabilities = { ...ALL_CAPABILITIES, ...(dialect === 'xml' ? { get_user: false } : {}), ...opts.capabilities };
  const created = await admin
    .post('/api/connectors')
    .send({
      name: `SCIM connector ${n} ${Date.now()}`,
      enabled: opts.enabled ?? true,
      auth: { type: 'bearer' },
      capabilities,
      mappings: { ...(dialect === 'xml' ? xmlMappings(app.baseUrl) : jsonMappings(app.baseUrl)), ...opts.mappings },
      deactivationAsDelete: opts.deactivationAsDelete ?? false,
      allowInsecureHttp: true,
      ...(opts.idpProfile === null ? {} : { idpProfile: opts.idpProfile ?? 'entra' }),
    })
    .expect(201);
  const id = created.body.id as string;
  await admin.put(`/api/connectors/${id}/secret`).send({ api_token: APP_SECRET }).expect(200);
  const issued = await admin.post(`/api/connectors/${id}/scim-token`).expect(201);
  return { id, token: issued.body.token, baseUrl: issued.body.baseUrl };
}

/** Requests as an identity provider sends them: bearer token, application/scim+json bodies. */
export function scimClient(t: TestApp, connectorId: string, token: string | null) {
  const url = (path: string) => `/scim/v2/${connectorId}${path}`;
  const auth = <T extends request.Test>(req: T): T => (token === null ? req : (req.set('Authorization', `Bearer ${token}`) as T));
  const withBody = (req: request.Test, body: unknown) => req.set('Content-Type', SCIM_JSON).send(JSON.stringify(body));
  return {
    get: (path: string) => auth(request(t.http).get(url(path))),
    delete: (path: string) => auth(request(t.http).delete(url(path))),
    post: (path: string, body: unknown) => withBody(auth(request(t.http).post(url(path))), body),
    put: (path: string, body: unknown) => withBody(auth(request(t.http).put(url(path))), body),
    patch: (path: string, body: unknown) => withBody(auth(request(t.http).patch(url(path))), body),
  };
}
export type ScimClient = ReturnType<typeof scimClient>;

export const patchOp = (...operations: Array<Record<string, unknown>>) => ({ schemas: [PATCH_OP], Operations: operations });

/** A SCIM user body like the ones Entra ID and Okta send. */
export function scimUser(userName: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schemas: [USER_SCHEMA],
    userName,
    name: { givenName: 'Test', familyName: 'User' },
    displayName: `Test ${userName}`,
    emails: [{ primary: true, type: 'work', value: userName.includes('@') ? userName : `${userName}@example.com` }],
    active: true,
    ...extra,
  };
}

/** Downstream calls the connector logged for SCIM, oldest first. */
export async function scimCalls(admin: Admin, connectorId: string): Promise<Array<{ operation: string; method: string; status: number | null; source: string; error: string | null }>> {
  const res = await admin.get(`/api/connectors/${connectorId}/calls?limit=200`).expect(200);
  return (res.body.items as Array<{ operation: string; method: string; status: number | null; source: string; error: string | null }>).reverse();
}
