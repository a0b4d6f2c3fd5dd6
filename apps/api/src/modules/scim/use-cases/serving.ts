import { projectAttributes, type ListResponse, type ProjectionOptions, type ResourceTypeName } from '@gatehouse/scim';
import type { Connector } from '../../http-connector/entities/connector.entity.js';
import type { JsonObject } from '../scim-resource.mapper.js';
import { ScimErrors } from '../scim.errors.js';

/** A disabled connector answers every Users/Groups request with 503: provisioning is paused, and IdPs retry. */
export function assertServing(connector: Connector): void {
  if (!connector.enabled) throw ScimErrors.connectorDisabled();
}

export const project = (resource: JsonObject, projection: ProjectionOptions, type: ResourceTypeName): JsonObject =>
  projectAttributes(resource, projection, type);

export function projectList(list: ListResponse<JsonObject>, projection: ProjectionOptions, type: ResourceTypeName): ListResponse<JsonObject> {
  return { ...list, Resources: list.Resources.map((r) => projectAttributes(r, projection, type)) };
}
