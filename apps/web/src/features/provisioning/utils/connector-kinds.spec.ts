import { describe, expect, it } from '@jest/globals';
import { callOperations, connectorTabs, shownTab } from './connector-kinds';

describe('connector kinds', () => {
  it('gives a SCIM proxy Settings, SCIM connection and Activity only', () => {
    expect(connectorTabs('scim_proxy')).toEqual(['settings', 'scim', 'activity']);
    expect(connectorTabs('custom_http')).toEqual(['settings', 'capabilities', 'mappings', 'preview', 'scim', 'import', 'activity']);
  });

  it('shows Settings for a tab the type does not have', () => {
    expect(shownTab('scim_proxy', 'mappings')).toBe('settings');
    expect(shownTab('scim_proxy', 'activity')).toBe('activity');
    expect(shownTab('scim_proxy', 'import')).toBe('settings');
    expect(shownTab('custom_http', 'mappings')).toBe('mappings');
  });

  it("filters a proxy's call log by the forwarded requests, as the API names them", () => {
    expect(callOperations('scim_proxy')).toContain('proxy:PATCH /Groups/{id}');
    expect(callOperations('scim_proxy')).toContain('oauth_token');
    expect(callOperations('scim_proxy')).not.toContain('create_user');
    expect(callOperations('custom_http')).toContain('create_user');
  });
});
