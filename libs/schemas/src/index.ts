export * from './json-schema.js';
export * from './catalog/types.js';
export * from './catalog/v1-contexts.js';
export { CATALOG_V1, CATALOG_VERSION } from './catalog/v1.js';
export * from './catalog/catalog.js';
export * from './catalog/endpoints.js';
export { SchemaCompileError, createAjv, type AjvOptions } from './validation/ajv-instance.js';
export { describeValue, pointerToPath } from './validation/messages.js';
export {
  findJsonSyntaxError,
  jsonSyntaxProblemAt,
  parseJsonWithLocation,
  type JsonParseResult,
  type JsonScanContext,
  type JsonSyntaxError,
  type JsonSyntaxProblem,
  type TextOrigin,
} from './validation/json-location.js';
export * from './validation/validator.js';
export { closestProperty } from './validation/unknown-properties.js';
export { binaryContent } from './validation/binary-content.js';
export * from './sample/sample.js';
export type { SamplePerson } from './sample/sample-data.js';
