// Everything wrong with a Custom HTTP instance's configuration, in one list: what a save refuses
// and what only deserves a warning. The API's save and the admin page's problem badge both call
// connectorProblems, so the badge never says "No problems" about something a save refuses.
import { isPlainObject } from './coerce.js';
import { httpsRuleProblem, type InsecureHttpPolicy } from './https-rule.js';
import { AUTH_TYPES, type ValidationIssue } from './types.js';
import { validateConnectorConfig } from './validate.js';

export interface ConnectorProblemsInput {
  enabled: boolean;
  auth: unknown;
  capabilities: unknown;
  mappings: unknown;
  deactivationAsDelete?: boolean;
  allowInsecureHttp?: boolean;
  /** Whether the encrypted secret (api_token) is stored; leave it out when that is not known yet. */
  hasSecret?: boolean;
  /** The server runs in production (plain http is then never allowed). The browser does not know and passes false. */
  production?: boolean;
}

export interface ConnectorProblem extends ValidationIssue {
  /** A save of the configuration as it stands is refused because of this problem. */
  blocksSave: boolean;
}

/**
 * The problems of a Custom HTTP configuration. An enabled instance cannot be saved while any of
 * its engine validation problems or HTTPS problems remain; a disabled one may be unfinished, so
 * they are listed without blocking. A missing secret (set separately, after the settings) and
 * "deactivation as delete" without delete_user never block: they are reported so the badge says
 * what will go wrong when the IdP sends its requests.
 */
export function connectorProblems(config: ConnectorProblemsInput): ConnectorProblem[] {
  const blocking = (issue: ValidationIssue): ConnectorProblem => ({ ...issue, blocksSave: config.enabled });
  const warning = (issue: ValidationIssue): ConnectorProblem => ({ ...issue, blocksSave: false });
  const problems = validateConnectorConfig({ auth: config.auth, capabilities: config.capabilities, mappings: config.mappings }).map(blocking);
  problems.push(...httpsProblems(config).map(blocking));

  const secret = missingSecretProblem(config.auth, config.hasSecret);
  if (secret) problems.push(secret);
  const capabilities = isPlainObject(config.capabilities) ? config.capabilities : {};
  if (config.deactivationAsDelete === true && capabilities.delete_user !== true) {
    problems.push(
      warning({
        path: 'deactivationAsDelete',
        message:
          'deactivation is to be treated as delete, but capability delete_user is off, so a deactivation is sent as update_user instead; turn on delete_user and map it, or turn this setting off',
      }),
    );
  }
  return problems;
}

/**
 * "No secret set", when the auth type needs one (every type does) and none is stored. A warning:
 * the secret has its own endpoint and is set once the settings exist. Shared with the SCIM proxy.
 */
export function missingSecretProblem(auth: unknown, hasSecret: boolean | undefined): ConnectorProblem | undefined {
  if (hasSecret !== false || !isPlainObject(auth) || typeof auth.type !== 'string' || !(AUTH_TYPES as readonly string[]).includes(auth.type)) return undefined;
  const type = auth.type as (typeof AUTH_TYPES)[number];
  return {
    path: 'api_token',
    message: `no secret set: auth type ${type} needs one (${SECRET_NAMES[type]}) and every call would fail until it is stored; set it under Settings (PUT /api/connectors/{id}/secret)`,
    blocksSave: false,
  };
}

const SECRET_NAMES: Record<(typeof AUTH_TYPES)[number], string> = {
  bearer: 'the bearer token',
  api_key_header: 'the API key value',
  basic: 'the password',
  oauth2_client_credentials: 'the OAuth client secret',
};

/** The HTTPS rule on every url_template and the OAuth token URL. */
function httpsProblems(config: ConnectorProblemsInput): ValidationIssue[] {
  const policy: InsecureHttpPolicy = { allowInsecureHttp: config.allowInsecureHttp ?? false, production: config.production ?? false };
  const issues: ValidationIssue[] = [];
  const check = (path: string, url: unknown) => {
    if (typeof url !== 'string') return;
    const problem = httpsRuleProblem(url, policy);
    if (problem) issues.push({ path, message: problem });
  };
  if (isPlainObject(config.mappings)) {
    for (const [operation, mapping] of Object.entries(config.mappings)) {
      if (isPlainObject(mapping)) check(`mappings.${operation}.url_template`, mapping.url_template);
    }
  }
  const auth = config.auth;
  if (isPlainObject(auth) && auth.type === 'oauth2_client_credentials') check('auth.oauth_token_url', auth.oauth_token_url);
  return issues;
}
