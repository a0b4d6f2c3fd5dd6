// What the instance page offers for each connector type. A SCIM proxy forwards the identity
// provider's requests to an app that speaks SCIM itself, so it has nothing to map, preview or
// import (it keeps no copy of users and groups to compare).
import type { ConnectorResponse } from '@gatehouse/contracts';
import { CAPABILITY_KEYS } from '@gatehouse/mapping';
import { CONNECTOR_TABS, type ConnectorTab } from './problem-location';

type ConnectorType = ConnectorResponse['type'];

const PROXY_TABS: readonly ConnectorTab[] = ['settings', 'scim', 'activity'];

/** The instance page's tabs for a connector type, in display order. */
export const connectorTabs = (type: ConnectorType): readonly ConnectorTab[] => (type === 'scim_proxy' ? PROXY_TABS : CONNECTOR_TABS);

/** The tab to show: the one asked for when this type has it, else Settings. */
export const shownTab = (type: ConnectorType, asked: ConnectorTab): ConnectorTab => (connectorTabs(type).includes(asked) ? asked : 'settings');

const PROXIED = [
  ['GET', '/Users'],
  ['POST', '/Users'],
  ['GET', '/Users/{id}'],
  ['PUT', '/Users/{id}'],
  ['PATCH', '/Users/{id}'],
  ['DELETE', '/Users/{id}'],
  ['GET', '/Groups'],
  ['POST', '/Groups'],
  ['GET', '/Groups/{id}'],
  ['PUT', '/Groups/{id}'],
  ['PATCH', '/Groups/{id}'],
  ['DELETE', '/Groups/{id}'],
  ['GET', '/ServiceProviderConfig'],
  ['GET', '/ResourceTypes'],
  ['GET', '/Schemas'],
] as const;

/** The operations the call log can be filtered by: capability keys, or the forwarded requests of a proxy (as the API names them). */
export const callOperations = (type: ConnectorType): string[] =>
  type === 'scim_proxy' ? ['oauth_token', ...PROXIED.map(([method, path]) => `proxy:${method} ${path}`)] : [...CAPABILITY_KEYS];
