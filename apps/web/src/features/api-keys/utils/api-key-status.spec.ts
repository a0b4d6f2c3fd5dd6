import { describe, expect, it } from '@jest/globals';
import { apiKeyStatusColor, apiKeyStatusLabel, canRevoke } from './api-key-status';

describe('API key status', () => {
  it('labels and colours each status', () => {
    expect([apiKeyStatusLabel('active'), apiKeyStatusColor('active')]).toEqual(['Active', 'green']);
    expect([apiKeyStatusLabel('expired'), apiKeyStatusColor('expired')]).toEqual(['Expired', 'orange']);
    expect([apiKeyStatusLabel('revoked'), apiKeyStatusColor('revoked')]).toEqual(['Revoked', 'red']);
  });

  it('offers revoke only for an active key', () => {
    expect(canRevoke('active')).toBe(true);
    expect(canRevoke('expired')).toBe(false);
    expect(canRevoke('revoked')).toBe(false);
  });
});
