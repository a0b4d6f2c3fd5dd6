export * from './constants.js';
export { ScimError, badRequest, isScimError, toScimErrorBody, type ScimErrorBody, type ScimErrorType } from './errors.js';
export type { ScimEnterpriseUser, ScimGroup, ScimMeta, ScimMultiValue, ScimName, ScimResource, ScimUser } from './types.js';
export {
  COMMON_ATTRIBUTES,
  ENTERPRISE_USER_ATTRIBUTES,
  GROUP_ATTRIBUTES,
  USER_ATTRIBUTES,
  type AttributeDefinition,
  type AttributeType,
  type Mutability,
  type ResourceTypeName,
  type Returned,
  type Uniqueness,
} from './schema-definitions.js';
export type { AttributePath } from './attribute-path.js';
export {
  parseFilter,
  parsePatchPath,
  MAX_FILTER_DEPTH,
  MAX_FILTER_LENGTH,
  type ComparisonNode,
  type ComparisonOperator,
  type FilterNode,
  type FilterValue,
  type LogicalNode,
  type NotNode,
  type PatchPath,
  type PresentNode,
  type ValuePathNode,
} from './filter-parser.js';
export { evaluateFilter, extractSimpleEquality, type EvaluateOptions, type SimpleEquality } from './filter-evaluator.js';
export {
  applyPatch,
  applyPatchInSteps,
  PATCH_OPERATIONS_PER_STEP,
  type PatchChanges,
  type PatchOperation,
  type PatchOpName,
  type PatchOptions,
  type PatchRequest,
  type PatchResult,
  type ValueChange,
} from './patch.js';
export {
  MAX_FILTERED_VALUES_PER_PATCH,
  MAX_MEMBERS_PER_REQUEST,
  MAX_VALUES_PER_ATTRIBUTE,
  checkValueCount,
  tooManyValues,
  valueLimitOf,
} from './limits.js';
export { projectAttributes, type ProjectionOptions } from './projection.js';
export {
  listResponse,
  paginate,
  parsePagination,
  type ListResponse,
  type ListResponseOptions,
  type Pagination,
  type PaginationOptions,
} from './list-response.js';
export {
  resourceTypes,
  schemas,
  serviceProviderConfig,
  type DiscoveryMeta,
  type ResourceTypeDocument,
  type SchemaDocument,
  type ServiceProviderConfigOptions,
} from './discovery.js';
export { flattenCoreSchema, normalizeGroupInput, normalizeUserInput, primaryEmail } from './resource-input.js';
export { checkTextLimits, SCIM_TEXT_LIMITS } from './text-limits.js';
