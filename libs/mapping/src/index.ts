// Public API of the Custom HTTP mapping engine. Pure: no network, files or framework, so the API
// and the web app's Preview run exactly the same code.
export * from './types.js';
export * from './errors.js';
export {
  parseTemplate,
  scanTemplate,
  templateProblems,
  templateProblemMessage,
  placeholdersIn,
  unknownPlaceholders,
  type TemplateSegment,
  type TemplateProblem,
  type ScannedTemplate,
} from './template.js';
export {
  defaultSampleContext,
  mergeSampleContext,
  placeholderValues,
  primaryEmail,
  type MappingContext,
  type SampleContext,
} from './sample-context.js';
export { coerceActive, coerceCount, coerceText } from './coerce.js';
export {
  renderRequest,
  renderRequestWithValues,
  renderJsonTemplate,
  renderXmlTemplate,
  renderUrl,
  formEncode,
  xmlEscape,
  type RenderedRequest,
  type RenderOptions,
} from './render.js';
export { readResponse, extractErrorMessage, inferBodyFormat, type ResponseInput, type ReadFallbacks, type BodyFormat } from './read-response.js';
export { resolveJsonPath, resolveXmlPath, pathSyntaxProblem } from './paths.js';
export { httpsRuleProblem, insecureHttpAllowed, type InsecureHttpPolicy } from './https-rule.js';
export { connectorProblems, missingSecretProblem, type ConnectorProblem, type ConnectorProblemsInput } from './connector-problems.js';
export { parseXml, isWellFormedXml, MAX_XML_DEPTH, MAX_XML_ELEMENTS, type XmlElement } from './xml.js';
export {
  validateConnectorConfig,
  validateMapping,
  validateAuthConfig,
  authSecretFields,
  withoutAuthSecrets,
  SECRET_IN_AUTH_MESSAGE,
  secretDestinations,
  newSecretDestinations,
  type SecretDestinationsInput,
  type ConnectorConfigInput,
} from './validate.js';
export {
  userMatchKeys,
  userMatchReason,
  findMatchingUser,
  groupMatches,
  findMatchingGroup,
  type UserMatchKeys,
  type UserMatchReason,
} from './account-match.js';
export {
  reconcileUsers,
  reconcileGroups,
  type Linkable,
  type Pair,
  type Reconciliation,
  type UserPairReason,
  type GroupPairReason,
} from './account-reconcile.js';
