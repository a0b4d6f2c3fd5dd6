import type { ProvisionUserResponse } from '@gatehouse/contracts';
import { Accordion, Alert, Badge, Button, Code, Group, Modal, SegmentedControl, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { ApiRequestError } from '../../../lib/api-client';
import { useScimUsers } from '../api/get-scim-users';
import { useProvisionUser } from '../api/provision-user';
import { callStatusText, formatDuration } from '../utils/connector-display';
import { describeSyntaxError, formatJson, parseJsonObject } from '../utils/json-text';
import { CallDetailView } from './call-detail';
import { readableBody } from './request-view';

type Picked = { id: string; userName: string };

const TYPED_EXAMPLE = formatJson({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName: 'jane.doe@example.com',
  name: { givenName: 'Jane', familyName: 'Doe' },
  displayName: 'Jane Doe',
  emails: [{ value: 'jane.doe@example.com', type: 'work', primary: true }],
  active: true,
});

/**
 * Provision on demand: one user through the same path as an identity provider's request (a new
 * userName is created, a known one updated), showing the SCIM answer and every call to the app.
 */
export function ProvisionOnDemandModal({ connectorId, initialUser, onClose }: { connectorId: string; initialUser: Picked | null; onClose: () => void }) {
  const [mode, setMode] = useState<'pick' | 'type'>('pick');
  const [picked, setPicked] = useState<Picked | null>(initialUser);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const users = useScimUsers(connectorId, { q, page: 1, pageSize: 20 });
  const [typed, setTyped] = useState(TYPED_EXAMPLE);
  const [typedError, setTypedError] = useState<string | null>(null);
  const run = useProvisionUser();

  const options = [...(picked ? [picked] : []), ...(users.data?.items ?? []).filter((u) => u.id !== picked?.id)].map((u) => ({ value: u.id, label: u.userName }));

  const submit = () => {
    if (mode === 'pick') {
      if (picked) run.mutate({ id: connectorId, scimUserId: picked.id });
      return;
    }
    const parsed = parseJsonObject(typed);
    if (!parsed.ok) {
      setTypedError(describeSyntaxError(parsed.error));
      return;
    }
    setTypedError(null);
    run.mutate({ id: connectorId, user: parsed.value });
  };

  return (
    <Modal opened onClose={onClose} title="Provision on demand" size="xl" closeButtonProps={{ 'aria-label': 'Close provision on demand' }}>
      <Stack>
        <Text size="sm" c="dimmed">
          Runs one user through the same path as your identity provider&apos;s requests: a new userName is created in the app, a known one is
          updated. The calls are real and appear in the call log.
        </Text>
        <SegmentedControl
          aria-label="User to provision"
          value={mode}
          onChange={(v) => setMode(v as 'pick' | 'type')}
          data={[
            { value: 'pick', label: 'Pick a provisioned user' },
            { value: 'type', label: 'Type a SCIM user' },
          ]}
        />
        {mode === 'pick' ? (
          <Select
            label="Provisioned user"
            placeholder="Search by userName"
            searchable
            data={options}
            value={picked?.id ?? null}
            searchValue={search}
            onSearchChange={setSearch}
            onChange={(value) => {
              const option = options.find((o) => o.value === value);
              setPicked(option ? { id: option.value, userName: option.label } : null);
            }}
            nothingFoundMessage={users.isPending ? 'Loading…' : 'No provisioned user matches'}
          />
        ) : (
          <Textarea
            label="SCIM user (JSON)"
            description="Its userName decides: a new one is created, a known one updated."
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
            autosize
            minRows={8}
            maxRows={18}
            error={typedError}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          />
        )}
        <Group justify="flex-end">
          <Button onClick={submit} loading={run.isPending} disabled={mode === 'pick' && !picked}>
            Run provisioning
          </Button>
        </Group>
        {run.isError && (
          <Alert color="red" role="alert" title="Not run">
            {run.error instanceof ApiRequestError ? run.error.message : 'Could not reach the server.'}
          </Alert>
        )}
        {run.data && <ProvisionResult result={run.data} />}
      </Stack>
    </Modal>
  );
}

function ProvisionResult({ result }: { result: ProvisionUserResponse }) {
  const ok = result.scim.status < 400;
  return (
    <Stack gap="sm" role="region" aria-label="Provisioning result">
      <Group gap="xs">
        <Badge variant="light" radius="sm">
          {result.action === 'create' ? 'POST /Users' : 'PUT /Users/{id}'}
        </Badge>
        <Text size="sm">
          SCIM answer <strong>{result.scim.status}</strong>
        </Text>
        <Badge color={ok ? 'teal' : 'red'} variant="filled">
          {ok ? 'Succeeded' : 'Failed'}
        </Badge>
      </Group>
      <Code block aria-label="SCIM answer" style={{ maxHeight: 240, overflow: 'auto' }}>
        {readableBody(JSON.stringify(result.scim.body))}
      </Code>
      <Title order={6}>Calls to the app ({result.calls.length})</Title>
      {result.calls.length === 0 ? (
        <Text size="sm" c="dimmed">
          No call to the app was needed: nothing changed, or the connector answered before calling it.
        </Text>
      ) : (
        <Accordion variant="separated" aria-label="Calls made">
          {result.calls.map((call) => (
            <Accordion.Item key={call.id} value={call.id}>
              <Accordion.Control>
                <Group gap="xs">
                  <Text ff="monospace" size="sm">
                    {call.operation}
                  </Text>
                  <Badge size="sm" color={call.error ? 'red' : 'teal'} variant="light">
                    {callStatusText(call)}
                  </Badge>
                  <Text size="xs" c="dimmed">
                    {call.method} · {formatDuration(call.durationMs)}
                  </Text>
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <CallDetailView call={call} />
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      )}
    </Stack>
  );
}
