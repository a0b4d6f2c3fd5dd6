import { describe, expect, it } from '@jest/globals';
import { authToForm, formToAuth } from './auth-settings';
import { callOutcome, callsQuery, callStatusText, connectorStatus, connectorTypeLabel, formatDuration, formatLastCall } from './connector-display';

describe('connector display', () => {
  it('labels status, type and times', () => {
    expect(connectorStatus({ enabled: true })).toEqual({ label: 'Enabled', color: 'green' });
    expect(connectorStatus({ enabled: false })).toEqual({ label: 'Disabled', color: 'gray' });
    expect(connectorTypeLabel('custom_http')).toBe('Custom HTTP');
    expect(formatLastCall(null)).toBe('Never');
    expect(formatDuration(87)).toBe('87 ms');
    expect(formatDuration(1234)).toBe('1.23 s');
    expect(formatDuration(15_000)).toBe('15.0 s');
  });

  it('reads a call as success or failure, and its status', () => {
    expect(callOutcome({ error: null })).toBe('success');
    expect(callOutcome({ error: 'answered 500' })).toBe('failure');
    expect(callStatusText({ status: null })).toBe('No answer');
    expect(callStatusText({ status: 201 })).toBe('201');
  });

  it('turns the Activity filters into the call log query', () => {
    expect(callsQuery({ operation: null, outcome: null })).toBe('limit=50');
    expect(callsQuery({ operation: 'create_user', outcome: 'failure' }, null, 20)).toBe('operation=create_user&status=error&limit=20');
    expect(callsQuery({ operation: null, outcome: 'success' })).toBe('status=ok&limit=50');
    expect(callsQuery({ operation: null, outcome: '5xx', scimUserId: 'u-1' }, 'next-page')).toBe('status=5xx&scimUserId=u-1&cursor=next-page&limit=50');
  });
});

describe('auth settings', () => {
  it('saves only the chosen type and its fields', () => {
    const form = authToForm({ type: 'oauth2_client_credentials', oauth_token_url: 'https://id.example.com/token', oauth_client_id: 'abc', oauth_scope: '' });
    expect(formToAuth(form)).toEqual({ type: 'oauth2_client_credentials', oauth_token_url: 'https://id.example.com/token', oauth_client_id: 'abc' });
    // Switching type keeps what was typed in the form, but saves only the new type's fields.
    form.type = 'basic';
    form.basic_username = ' svc ';
    expect(formToAuth(form)).toEqual({ type: 'basic', basic_username: 'svc' });
    form.type = 'api_key_header';
    expect(formToAuth(form)).toEqual({ type: 'api_key_header', api_key_header_name: '' });
    expect(formToAuth(authToForm(null))).toBeNull();
    expect(authToForm({ type: 'magic' }).type).toBe('');
  });
});
