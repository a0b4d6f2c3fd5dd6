// The instance page edits a draft of the whole connector (settings, capabilities JSON, mappings
// JSON); these functions build it from the saved connector and say what a save would change.
import type { ConnectorResponse, UpdateConnectorRequest } from '@gatehouse/contracts';
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
  // Untouched empty auth fields must not count as a change: compare what would be saved.
  if (!sameJsonValue(auth, saved.auth === null ? null : formToAuth(authToForm(saved.auth)))) changes.auth = auth;

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
