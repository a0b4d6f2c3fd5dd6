import { describe, expect, it } from '@jest/globals';
import type { ConnectorResponse } from '@gatehouse/contracts';
import { draftFrom, draftProblems, draftState } from './connector-draft';

const saved: ConnectorResponse = {
  id: 'c1',
  name: 'HR app',
  type: 'custom_http',
  enabled: false,
  auth: { type: 'bearer' },
  capabilities: { create_user: true },
  mappings: {},
  deactivationAsDelete: false,
  allowInsecureHttp: false,
  scimBaseUrl: null,
  idpProfile: 'generic',
  hasSecret: false,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  lastCallAt: null,
  lastError: null,
};

describe('draftState', () => {
  it('is clean right after loading, whatever the auth form holds', () => {
    const state = draftState(draftFrom(saved), saved);
    expect(state).toMatchObject({ dirty: false, changes: {}, blockers: [], auth: { type: 'bearer' } });
    expect(draftState(draftFrom({ ...saved, auth: null }), { ...saved, auth: null }).dirty).toBe(false);
  });

  it('sends only what changed; reformatted JSON is no change', () => {
    const draft = draftFrom(saved);
    draft.capabilitiesText = '{"create_user":true}';
    expect(draftState(draft, saved).dirty).toBe(false);
    draft.name = ' HR app v2 ';
    draft.enabled = true;
    draft.auth.type = 'basic';
    draft.auth.basic_username = 'svc';
    draft.mappingsText = '{"create_user": {"http_method": "POST"}}';
    expect(draftState(draft, saved)).toMatchObject({
      dirty: true,
      changes: { name: 'HR app v2', enabled: true, auth: { type: 'basic', basic_username: 'svc' }, mappings: { create_user: { http_method: 'POST' } } },
    });
    expect(draftState(draft, saved).changes).not.toHaveProperty('capabilities');
  });

  it('sends a changed IdP profile, and nothing once it is set back', () => {
    const draft = draftFrom(saved);
    expect(draft.idpProfile).toBe('generic');
    draft.idpProfile = 'entra';
    expect(draftState(draft, saved)).toMatchObject({ dirty: true, changes: { idpProfile: 'entra' } });
    draft.idpProfile = 'generic';
    expect(draftState(draft, saved)).toMatchObject({ dirty: false, changes: {} });
  });

  it('cannot save JSON with a syntax error or an empty name, and says so', () => {
    const draft = draftFrom(saved);
    draft.mappingsText = '{"create_user": ';
    draft.name = ' ';
    const state = draftState(draft, saved);
    expect(state.dirty).toBe(true);
    expect(state.blockers).toEqual(['The name must not be empty.', 'Mappings: the JSON has a syntax error.']);
    expect(state.mappings.ok).toBe(false);
  });
});

describe('a SCIM proxy draft', () => {
  const proxy: ConnectorResponse = { ...saved, type: 'scim_proxy', capabilities: {}, scimBaseUrl: 'https://app.example.com/scim/v2' };

  it('sends a changed SCIM base URL, trimmed, and cannot save an empty one', () => {
    const draft = draftFrom(proxy);
    expect(draftState(draft, proxy).dirty).toBe(false);
    draft.scimBaseUrl = ' https://scim.example.com/v2 ';
    expect(draftState(draft, proxy).changes).toEqual({ scimBaseUrl: 'https://scim.example.com/v2' });
    draft.scimBaseUrl = ' ';
    expect(draftState(draft, proxy).blockers).toEqual(['The SCIM base URL must not be empty.']);
  });

  it('is checked for its URL and auth, not for capabilities or mappings', () => {
    const draft = draftFrom(proxy);
    const withSecret = { ...proxy, hasSecret: true };
    expect(draftProblems(withSecret, draft, draftState(draft, withSecret))).toEqual([]);
    draft.scimBaseUrl = 'https://app.example.com/scim?tenant=1';
    draft.auth.type = 'basic';
    expect(draftProblems(withSecret, draft, draftState(draft, withSecret))).toEqual([
      { path: 'scimBaseUrl', message: 'scimBaseUrl must not have a query string', blocksSave: true },
      { path: 'auth.basic_username', message: 'required', blocksSave: false },
    ]);
    // The same draft as Custom HTTP is checked by the engine, which wants create_user's mapping.
    expect(draftProblems(saved, draftFrom(saved), draftState(draftFrom(saved), saved)).map((p) => p.path)).toContain('mappings.create_user');
  });

  it('applies the HTTPS rule to the base URL, as the save does, and warns when no secret is set', () => {
    const draft = draftFrom(proxy);
    draft.scimBaseUrl = 'http://app.example.com/scim/v2';
    expect(draftProblems(proxy, draft, draftState(draft, proxy))).toEqual([
      { path: 'scimBaseUrl', message: expect.stringMatching(/^HTTPS is required: http:\/\/app\.example\.com uses plain http/), blocksSave: true },
      { path: 'api_token', message: expect.stringMatching(/^no secret set: auth type bearer needs one/), blocksSave: false },
    ]);
    draft.allowInsecureHttp = true;
    expect(draftProblems(proxy, draft, draftState(draft, proxy)).map((p) => p.path)).toEqual(['api_token']);
  });
});
