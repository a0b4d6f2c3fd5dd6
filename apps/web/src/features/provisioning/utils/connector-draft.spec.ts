import { describe, expect, it } from '@jest/globals';
import type { ConnectorResponse } from '@gatehouse/contracts';
import { draftFrom, draftState } from './connector-draft';

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
