// The instance page edits a draft of the whole connector (settings, capabilities JSON, mappings
// JSON); these functions build it from the saved connector and say what a save would change.
import { scimBaseUrlProblem, type ConnectorResponse, type IdpProfile, type UpdateConnectorRequest } from '@gatehouse/contracts';
import { connectorProblems, httpsRuleProblem, missingSecretProblem, validateAuthConfig, type ConnectorProblem } from '@gatehouse/mapping';
import { authToForm, formToAuth, type AuthFormValues } from './auth-settings';
import { formatJson, parseJsonObject, sameJsonValue, type JsonParseResult } from './json-text';

export type ConnectorDraft = {
  name: string;
  enabled: boolean;
  deactivationAsDelete: boolean;
  allowInsecureHttp: boolean;
  auth: AuthFormValues;
  capabilitiesText: string;
  mappingsText: string;
  /** SCIM proxy only: where the identity provider's requests are forwarded. */
  scimBaseUrl: string;
  /** Custom HTTP: how SCIM PATCH is answered to the identity provider. */
  idpProfile: IdpProfile;
};

export function draftFrom(connector: ConnectorResponse): ConnectorDraft {
  return {
    name: connector.name,
    enabled: connector.enabled,
    deactivationAsDelete: connector.deactivationAsDelete,
    allowInsecureHttp: connector.allowInsecureHttp,
    auth: authToForm(connector.auth),
    capabilitiesText: formatJson(connector.capabilities),
    mappingsText: formatJson(connector.mappings),
    scimBaseUrl: connector.scimBaseUrl ?? '',
    idpProfile: connector.idpProfile,
  };
}

export type DraftState = {
  capabilities: JsonParseResult<Record<string, unknown>>;
  mappings: JsonParseResult<Record<string, unknown>>;
  auth: Record<string, string> | null;
  /** What PATCH would send: only the fields that differ from the saved connector. */
  changes: UpdateConnectorRequest;
  dirty: boolean;
  /** Why saving is impossible right now (JSON that does not parse, an empty name). */
  blockers: string[];
};

export function draftState(draft: ConnectorDraft, saved: ConnectorResponse): DraftState {
  const capabilities = parseJsonObject(draft.capabilitiesText);
  const mappings = parseJsonObject(draft.mappingsText);
  const auth = formToAuth(draft.auth);
  const changes: UpdateConnectorRequest = {};
  const blockers: string[] = [];

  const name = draft.name.trim();
  if (name !== saved.name) changes.name = name;
  if (name === '') blockers.push('The name must not be empty.');
  if (draft.enabled !== saved.enabled) changes.enabled = draft.enabled;
  if (draft.deactivationAsDelete !== saved.deactivationAsDelete) changes.deactivationAsDelete = draft.deactivationAsDelete;
  if (draft.allowInsecureHttp !== saved.allowInsecureHttp) changes.allowInsecureHttp = draft.allowInsecureHttp;
  if (draft.idpProfile !== saved.idpProfile) changes.idpProfile = draft.idpProfile;
  // Untouched empty auth fields must not count as a change: compare what would be saved.
  if (!sameJsonValue(auth, saved.auth === null ? null : formToAuth(authToForm(saved.auth)))) changes.auth = auth;
  if (saved.type === 'scim_proxy') {
    const scimBaseUrl = draft.scimBaseUrl.trim();
    if (scimBaseUrl !== saved.scimBaseUrl) changes.scimBaseUrl = scimBaseUrl;
    if (scimBaseUrl === '') blockers.push('The SCIM base URL must not be empty.');
  }

  let textChanged = false;
  if (capabilities.ok) {
    if (!sameJsonValue(capabilities.value, saved.capabilities)) changes.capabilities = capabilities.value;
  } else {
    blockers.push('Capabilities: the JSON has a syntax error.');
    textChanged ||= draft.capabilitiesText !== formatJson(saved.capabilities);
  }
  if (mappings.ok) {
    if (!sameJsonValue(mappings.value, saved.mappings)) changes.mappings = mappings.value;
  } else {
    blockers.push('Mappings: the JSON has a syntax error.');
    textChanged ||= draft.mappingsText !== formatJson(saved.mappings);
  }
  return { capabilities, mappings, auth, changes, dirty: textChanged || Object.keys(changes).length > 0, blockers };
}

/**
 * What is wrong with the draft as it stands: what a save refuses (`blocksSave`) and what only
 * warns. Custom HTTP: connectorProblems, the list the API's save checks. SCIM proxy: the base
 * URL's form and the HTTPS rule (refused on every save), the auth settings (refused while enabled)
 * and a missing secret. The browser does not know whether the server runs in production, where
 * allowInsecureHttp is ignored: there only the refused save reports that.
 */
export function draftProblems(saved: ConnectorResponse, draft: ConnectorDraft, state: DraftState): ConnectorProblem[] {
  const secret = missingSecretProblem(state.auth, saved.hasSecret);
  if (saved.type === 'scim_proxy') {
    const url = draft.scimBaseUrl.trim();
    const urlProblem = url === '' ? 'required' : (scimBaseUrlProblem(url) ?? httpsRuleProblem(url, { allowInsecureHttp: draft.allowInsecureHttp, production: false }));
    return [
      ...(urlProblem ? [{ path: 'scimBaseUrl', message: urlProblem, blocksSave: true }] : []),
      ...validateAuthConfig(state.auth).map((issue) => ({ ...issue, blocksSave: draft.enabled })),
      ...(secret ? [secret] : []),
    ];
  }
  if (!state.capabilities.ok || !state.mappings.ok) return [];
  return connectorProblems({
    enabled: draft.enabled,
    auth: state.auth,
    capabilities: state.capabilities.value,
    mappings: state.mappings.value,
    deactivationAsDelete: draft.deactivationAsDelete,
    allowInsecureHttp: draft.allowInsecureHttp,
    hasSecret: saved.hasSecret,
    production: false,
  });
}

/**
 * A disabled Custom HTTP instance nobody has started to configure (no auth type, no capability
 * on, no mapping), as it is right after it was created. Nothing is wrong with it yet, there are
 * only steps left: its page opens without errors, and they are shown once the admin fills in a
 * part or turns the instance on.
 */
export function notSetUp(saved: ConnectorResponse, draft: ConnectorDraft, state: DraftState): boolean {
  if (saved.type !== 'custom_http' || draft.enabled || state.auth !== null) return false;
  if (!state.capabilities.ok || !state.mappings.ok) return false;
  const anyOn = Object.values(state.capabilities.value).some((v) => v === true);
  return !anyOn && Object.keys(state.mappings.value).length === 0;
}
