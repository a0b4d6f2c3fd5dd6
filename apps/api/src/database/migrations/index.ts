import { CompaniesUsersSessions1763860000000 } from './1763860000000-companies-users-sessions.js';
import { ApiKeys1763870000000 } from './1763870000000-api-keys.js';
import { Connectors1763880000000 } from './1763880000000-connectors.js';
import { CatalogIntegrations1763890000000 } from './1763890000000-catalog-integrations.js';
import { Ingest1763900000000 } from './1763900000000-ingest.js';
import { Scim1763910000000 } from './1763910000000-scim.js';
import { ScimProxy1763920000000 } from './1763920000000-scim-proxy.js';
import { ConnectorCallTrim1763930000000 } from './1763930000000-connector-call-trim.js';
import { ConnectorChangeNotify1763940000000 } from './1763940000000-connector-change-notify.js';
import { ScimPendingWrites1763950000000 } from './1763950000000-scim-pending-writes.js';
import { IngestRawJson1763952000000 } from './1763952000000-ingest-raw-json.js';
import { StripAuthSecrets1763956000000 } from './1763956000000-strip-auth-secrets.js';
import { ConnectorIdpProfile1764900100000 } from './1764900100000-connector-idp-profile.js';
import { ConnectorCallDetail1764900200000 } from './1764900200000-connector-call-detail.js';
import { IntegrationStrict1764900400000 } from './1764900400000-integration-strict.js';
import { ConnectorCallNote1764900500000 } from './1764900500000-connector-call-note.js';

/** Every migration, oldest first. A new table or column means a new file here. */
export const migrations = [
  CompaniesUsersSessions1763860000000,
  ApiKeys1763870000000,
  Connectors1763880000000,
  CatalogIntegrations1763890000000,
  Ingest1763900000000,
  Scim1763910000000,
  ScimProxy1763920000000,
  ConnectorCallTrim1763930000000,
  ConnectorChangeNotify1763940000000,
  ScimPendingWrites1763950000000,
  IngestRawJson1763952000000,
  StripAuthSecrets1763956000000,
  ConnectorIdpProfile1764900100000,
  ConnectorCallDetail1764900200000,
  IntegrationStrict1764900400000,
  ConnectorCallNote1764900500000,
];
