import type { ConnectorResponse } from '@gatehouse/contracts';
import { CONNECTOR_NAME_MAX_LENGTH } from '@gatehouse/contracts';
import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ApiRequestError } from '../../../lib/api-client';
import { useCopyConnector } from '../api/copy-connector';
import { useCreateConnector } from '../api/create-connector';

type Props = {
  opened: boolean;
  onClose: () => void;
  onCreated: (connector: ConnectorResponse) => void;
  /** With a list of instances: "Copy settings from…" (pick a source); without: a new empty Custom HTTP instance. */
  copyFrom?: ConnectorResponse[];
};

/** Asks for a name, then creates a disabled instance: empty, or with another instance's settings. */
export function CreateConnectorModal({ opened, onClose, onCreated, copyFrom }: Props) {
  return (
    <Modal opened={opened} onClose={onClose} title={copyFrom ? 'Copy settings from another instance' : 'New Custom HTTP instance'}>
      {/* Remounted on each opening, so the form starts empty. */}
      {opened && <CreateConnectorForm onClose={onClose} onCreated={onCreated} copyFrom={copyFrom} />}
    </Modal>
  );
}

function CreateConnectorForm({ onClose, onCreated, copyFrom }: Omit<Props, 'opened'>) {
  const [name, setName] = useState('');
  const [sourceId, setSourceId] = useState<string | null>(copyFrom?.[0]?.id ?? null);
  const [nameError, setNameError] = useState<string | null>(null);
  const create = useCreateConnector();
  const copy = useCopyConnector();
  const pending = create.isPending || copy.isPending;
  const failure = create.error ?? copy.error;
  const serverFieldError = failure instanceof ApiRequestError ? failure.fieldErrors().name : undefined;
  const serverError = failure instanceof ApiRequestError ? (serverFieldError ? null : failure.message) : failure ? 'Could not reach the server. Try again.' : null;

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const trimmed = name.trim();
    if (trimmed === '') return setNameError('Enter a name.');
    if (trimmed.length > CONNECTOR_NAME_MAX_LENGTH) return setNameError(`At most ${CONNECTOR_NAME_MAX_LENGTH} characters.`);
    if (copyFrom) {
      if (!sourceId) return;
      copy.mutate({ sourceId, name: trimmed }, { onSuccess: onCreated });
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
            create.reset();
            copy.reset();
          }}
          error={nameError ?? serverFieldError}
        />
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
