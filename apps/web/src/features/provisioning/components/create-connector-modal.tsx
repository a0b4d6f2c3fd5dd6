import type { ConnectorResponse } from '@gatehouse/contracts';
import { CONNECTOR_NAME_MAX_LENGTH, scimBaseUrlProblem } from '@gatehouse/contracts';
import { Alert, Button, Checkbox, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ApiRequestError } from '../../../lib/api-client';
import { useCopyConnector } from '../api/copy-connector';
import { useCreateConnector } from '../api/create-connector';

type Props = {
  opened: boolean;
  onClose: () => void;
  onCreated: (connector: ConnectorResponse) => void;
  /** With a list of instances: "Copy settings from…" (pick a source); without: a new empty instance of `type`. */
  copyFrom?: ConnectorResponse[];
  /** The type of a new instance (Custom HTTP unless said otherwise). */
  type?: ConnectorResponse['type'];
};

const TITLES: Record<ConnectorResponse['type'], string> = { custom_http: 'New Custom HTTP instance', scim_proxy: 'New SCIM Proxy instance' };

/** Asks for a name (and a proxy's SCIM base URL), then creates a disabled instance: empty, or with another instance's settings. */
export function CreateConnectorModal({ opened, onClose, onCreated, copyFrom, type = 'custom_http' }: Props) {
  return (
    <Modal opened={opened} onClose={onClose} title={copyFrom ? 'Copy settings from another instance' : TITLES[type]}>
      {/* Remounted on each opening, so the form starts empty. */}
      {opened && <CreateConnectorForm onClose={onClose} onCreated={onCreated} copyFrom={copyFrom} type={type} />}
    </Modal>
  );
}

function CreateConnectorForm({ onClose, onCreated, copyFrom, type = 'custom_http' }: Omit<Props, 'opened'>) {
  const proxy = !copyFrom && type === 'scim_proxy';
  const [name, setName] = useState('');
  const [scimBaseUrl, setScimBaseUrl] = useState('');
  const [allowInsecureHttp, setAllowInsecureHttp] = useState(false);
  const [urlError, setUrlError] = useState<string | null>(null);
  const [sourceId, setSourceId] = useState<string | null>(copyFrom?.[0]?.id ?? null);
  const [nameError, setNameError] = useState<string | null>(null);
  const create = useCreateConnector();
  const copy = useCopyConnector();
  const pending = create.isPending || copy.isPending;
  const failure = create.error ?? copy.error;
  const fieldErrors = failure instanceof ApiRequestError ? failure.fieldErrors() : {};
  const serverFieldError = fieldErrors.name;
  const serverUrlError = fieldErrors.scimBaseUrl;
  const serverError =
    failure instanceof ApiRequestError ? (serverFieldError || serverUrlError ? null : failure.message) : failure ? 'Could not reach the server. Try again.' : null;
  const plainHttp = /^http:\/\//i.test(scimBaseUrl.trim());
  const reset = () => {
    create.reset();
    copy.reset();
  };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const trimmed = name.trim();
    const url = scimBaseUrl.trim();
    const badName = trimmed === '' ? 'Enter a name.' : trimmed.length > CONNECTOR_NAME_MAX_LENGTH ? `At most ${CONNECTOR_NAME_MAX_LENGTH} characters.` : null;
    const badUrl = proxy ? (url === '' ? "Enter the app's SCIM base URL." : scimBaseUrlProblem(url)) : null;
    setNameError(badName);
    setUrlError(badUrl);
    if (badName || badUrl) return;
    if (copyFrom) {
      if (!sourceId) return;
      copy.mutate({ sourceId, name: trimmed }, { onSuccess: onCreated });
    } else if (proxy) {
      create.mutate({ name: trimmed, type: 'scim_proxy', scimBaseUrl: url, allowInsecureHttp: plainHttp && allowInsecureHttp, enabled: false }, { onSuccess: onCreated });
    } else {
      create.mutate({ name: trimmed, type: 'custom_http', enabled: false }, { onSuccess: onCreated });
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {copyFrom ? (
          <>
            <Select
              label="Copy settings from"
              data={copyFrom.map((c) => ({ value: c.id, label: c.name }))}
              value={sourceId}
              onChange={setSourceId}
              allowDeselect={false}
              searchable
            />
            <Text size="sm" c="dimmed">
              Authentication settings, capabilities and mappings are copied. Secrets are not: set the new instance's secret and generate its own SCIM
              token. The copy starts disabled.
            </Text>
          </>
        ) : proxy ? (
          <Text size="sm" c="dimmed">
            For an app that speaks SCIM 2.0 itself: Gatehouse forwards your identity provider's requests to it as they are, with the app's own
            credentials, and logs each call. The instance starts disabled, so you can set up its authentication first.
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            The instance starts disabled, so you can set it up and test it before your identity provider uses it.
          </Text>
        )}
        <TextInput
          label="Name"
          placeholder="e.g. HR portal"
          withAsterisk
          data-autofocus
          value={name}
          onChange={(e) => {
            setName(e.currentTarget.value);
            setNameError(null);
            reset();
          }}
          error={nameError ?? serverFieldError}
        />
        {proxy && (
          <>
            <TextInput
              label="SCIM base URL"
              withAsterisk
              placeholder="https://app.example.com/scim/v2"
              description="The app's SCIM 2.0 endpoint; requests to …/Users and …/Groups are forwarded below it."
              value={scimBaseUrl}
              onChange={(e) => {
                setScimBaseUrl(e.currentTarget.value);
                setUrlError(null);
                reset();
              }}
              error={urlError ?? serverUrlError}
            />
            {plainHttp && (
              <Checkbox
                label="Allow insecure HTTP (for a local test app; never used in production)"
                checked={allowInsecureHttp}
                onChange={(e) => {
                  setAllowInsecureHttp(e.currentTarget.checked);
                  reset();
                }}
              />
            )}
          </>
        )}
        {serverError && (
          <Alert color="red" role="alert">
            {serverError}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={pending}>
            {copyFrom ? 'Create copy' : 'Create instance'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
