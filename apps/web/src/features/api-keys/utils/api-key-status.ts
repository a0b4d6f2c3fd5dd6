import type { ApiKeyStatus } from '@gatehouse/contracts';

const STATUS: Record<ApiKeyStatus, { label: string; color: string }> = {
  active: { label: 'Active', color: 'green' },
  expired: { label: 'Expired', color: 'orange' },
  revoked: { label: 'Revoked', color: 'red' },
};

export const apiKeyStatusLabel = (status: ApiKeyStatus): string => STATUS[status].label;
/** A Mantine colour name for the status badge. */
export const apiKeyStatusColor = (status: ApiKeyStatus): string => STATUS[status].color;
/** Only an active key has anything left to revoke. */
export const canRevoke = (status: ApiKeyStatus): boolean => status === 'active';
