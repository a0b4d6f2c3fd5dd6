import type { ConnectorResponse } from '@gatehouse/contracts';
import { withoutAuthSecrets } from '@gatehouse/mapping';
import type { Connector } from './entities/connector.entity.js';

/** The only way a connector row leaves the API: no secret, only whether one is set. */
export const toConnectorResponse = (c: Connector): ConnectorResponse => ({
  id: c.id,
  name: c.name,
  type: c.type,
  enabled: c.enabled,
  // Saves refuse secrets in auth; this keeps one stored before that from ever being returned.
  auth: c.auth === null ? null : withoutAuthSecrets(c.auth),
  capabilities: c.capabilities,
  mappings: c.mappings,
  deactivationAsDelete: c.deactivationAsDelete,
  allowInsecureHttp: c.allowInsecureHttp,
  scimBaseUrl: c.scimBaseUrl,
  idpProfile: c.idpProfile,
  hasSecret: c.secretCiphertext !== null,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
  lastCallAt: c.lastCallAt ? c.lastCallAt.toISOString() : null,
  lastError: c.lastError,
});
