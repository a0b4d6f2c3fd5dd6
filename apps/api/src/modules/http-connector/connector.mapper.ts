import type { ConnectorResponse } from '@gatehouse/contracts';
import type { Connector } from './entities/connector.entity.js';

/** The only way a connector row leaves the API: no secret, only whether one is set. */
export const toConnectorResponse = (c: Connector): ConnectorResponse => ({
  id: c.id,
  name: c.name,
  type: c.type,
  enabled: c.enabled,
  auth: c.auth,
  capabilities: c.capabilities,
  mappings: c.mappings,
  deactivationAsDelete: c.deactivationAsDelete,
  allowInsecureHttp: c.allowInsecureHttp,
  scimBaseUrl: c.scimBaseUrl,
  hasSecret: c.secretCiphertext !== null,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
  lastCallAt: c.lastCallAt ? c.lastCallAt.toISOString() : null,
  lastError: c.lastError,
});
