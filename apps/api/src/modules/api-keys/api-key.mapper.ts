import type { ApiKeyResponse, ApiKeyStatus } from '@gatehouse/contracts';
import type { ApiKey } from './entities/api-key.entity.js';

/** Revoked wins over expired: a revoke is a deliberate act the admin should see. */
export function apiKeyStatus(row: Pick<ApiKey, 'expiresAt' | 'revokedAt'>, now: Date): ApiKeyStatus {
  if (row.revokedAt) return 'revoked';
  return row.expiresAt.getTime() <= now.getTime() ? 'expired' : 'active';
}

export function toApiKeyResponse(row: ApiKey, now: Date): ApiKeyResponse {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    status: apiKeyStatus(row, now),
  };
}
