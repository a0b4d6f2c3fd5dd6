import { describe, expect, it } from '@jest/globals';
import { createIntegrationRequestSchema, replaceIntegrationMonitoringsRequestSchema, updateIntegrationRequestSchema, zodIssuesToDetails } from './index.js';

const details = (result: { success: boolean; error?: { issues: unknown[] } }) =>
  result.success ? [] : zodIssuesToDetails(result.error!.issues as Parameters<typeof zodIssuesToDetails>[0]);

describe('createIntegrationRequestSchema', () => {
  it('trims the name, turns a missing or blank description into null, keeps the selection as sent', () => {
    expect(createIntegrationRequestSchema.parse({ name: '  HR  ', monitoringIds: ['a', 'a'] })).toEqual({ name: 'HR', description: null, monitoringIds: ['a', 'a'], strict: false });
    expect(createIntegrationRequestSchema.parse({ name: 'HR', description: '  ', monitoringIds: ['a'] }).description).toBeNull();
    expect(createIntegrationRequestSchema.parse({ name: 'HR', description: ' text ', monitoringIds: ['a'] }).description).toBe('text');
  });

  it('names every problem at once', () => {
    expect(details(createIntegrationRequestSchema.safeParse({ name: ' ', description: 'd'.repeat(1001), monitoringIds: [], extra: 1 }))).toEqual([
      { path: 'name', message: 'name must not be empty' },
      { path: 'description', message: 'description must be at most 1000 characters' },
      { path: 'monitoringIds', message: 'select at least one monitoring' },
      { path: '(body)', message: 'unknown field "extra": accepted fields are name, description, monitoringIds, strict' },
    ]);
  });
});

describe('updateIntegrationRequestSchema', () => {
  it('accepts a name or a description, and null to clear the description', () => {
    expect(updateIntegrationRequestSchema.parse({ name: ' New ' })).toEqual({ name: 'New' });
    expect(updateIntegrationRequestSchema.parse({ description: null })).toEqual({ description: null });
  });

  it('refuses an empty change', () => {
    expect(details(updateIntegrationRequestSchema.safeParse({}))).toEqual([{ path: '(body)', message: 'nothing to change: send name, description and/or strict' }]);
  });
});

describe('replaceIntegrationMonitoringsRequestSchema', () => {
  it('needs a non-empty array of ids', () => {
    expect(details(replaceIntegrationMonitoringsRequestSchema.safeParse({ monitoringIds: 'a' }))).toEqual([
      { path: 'monitoringIds', message: 'monitoringIds must be an array of monitoring ids' },
    ]);
    expect(details(replaceIntegrationMonitoringsRequestSchema.safeParse({ monitoringIds: ['a', ''] }))).toEqual([
      { path: 'monitoringIds[1]', message: 'monitoring id must not be empty' },
    ]);
  });
});
