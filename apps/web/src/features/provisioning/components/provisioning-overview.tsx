import type { ConnectorResponse } from '@gatehouse/contracts';
import { Alert, Button, Center, Group, List, Loader, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCopy, IconUsersGroup } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiRequestError } from '../../../lib/api-client';
import { useConnectors } from '../api/get-connectors';
import { ConnectorsTable } from './connectors-table';
import { CreateConnectorModal } from './create-connector-modal';

type Props = { hrefOf: (c: ConnectorResponse) => string; onOpen: (c: ConnectorResponse) => void };

type ConnectorType = ConnectorResponse['type'];

/** Provisioning: the company's instances, with "+ Custom HTTP", "+ SCIM Proxy" and "Copy settings from…". */
export function ProvisioningOverview({ hrefOf, onOpen }: Props) {
  const connectors = useConnectors();
  const [createOpened, createDialog] = useDisclosure(false);
  const [createType, setCreateType] = useState<ConnectorType>('custom_http');
  const startCreate = (type: ConnectorType) => {
    setCreateType(type);
    createDialog.open();
  };
  const [copyOpened, copyDialog] = useDisclosure(false);
  const items = connectors.data ?? [];

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>Provisioning</Title>
          <Text c="dimmed">Let your identity provider manage users and groups in apps without SCIM, or pass its requests on to apps that speak SCIM.</Text>
        </div>
        <Group gap="xs">
          {items.length > 0 && (
            <Button variant="default" leftSection={<IconCopy size={16} aria-hidden />} onClick={copyDialog.open}>
              Copy settings from…
            </Button>
          )}
          {items.length > 0 && (
            <>
              <Button variant="light" onClick={() => startCreate('scim_proxy')}>
                + SCIM Proxy
              </Button>
              <Button onClick={() => startCreate('custom_http')}>+ Custom HTTP</Button>
            </>
          )}
        </Group>
      </Group>

      {connectors.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading provisioning instances" />
        </Center>
      ) : connectors.isError ? (
        <Alert color="red" role="alert" title="Could not load provisioning instances">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{connectors.error instanceof ApiRequestError ? connectors.error.message : 'Could not reach the server. Check your connection.'}</Text>
            <Button size="xs" variant="light" color="red" onClick={() => void connectors.refetch()}>
              Try again
            </Button>
          </Stack>
        </Alert>
      ) : items.length > 0 ? (
        <ConnectorsTable connectors={items} hrefOf={hrefOf} />
      ) : (
        <EmptyState onCreate={startCreate} />
      )}

      <CreateConnectorModal
        opened={createOpened}
        type={createType}
        onClose={createDialog.close}
        onCreated={(c) => {
          createDialog.close();
          onOpen(c);
        }}
      />
      <CreateConnectorModal
        opened={copyOpened}
        onClose={copyDialog.close}
        copyFrom={items}
        onCreated={(c) => {
          copyDialog.close();
          onOpen(c);
        }}
      />
    </Stack>
  );
}

function EmptyState({ onCreate }: { onCreate: (type: ConnectorType) => void }) {
  return (
    <Paper withBorder radius="md" p="xl">
      <Stack align="center" gap="sm" maw={600} mx="auto" ta="center">
        <ThemeIcon size={48} radius="xl" variant="light">
          <IconUsersGroup size={26} aria-hidden />
        </ThemeIcon>
        <Title order={4}>No provisioning instances yet</Title>
        <Text size="sm" c="dimmed">
          Custom HTTP connects Gatehouse to an app that manages users and groups over a REST API (JSON, XML or query parameters) but does not speak
          SCIM. Your identity provider keeps sending standard SCIM to Gatehouse; Gatehouse turns each operation into the HTTP request you describe.
        </Text>
        <List size="sm" c="dimmed" ta="left" spacing={2}>
          <List.Item>Choose how to authenticate: bearer token, API key header, HTTP Basic or OAuth 2.0 client credentials.</List.Item>
          <List.Item>Turn on the operations you need and map each to a request, with placeholders such as {'{scim_user_email}'}.</List.Item>
          <List.Item>Check the requests with Preview and a live test, then give your identity provider the SCIM URL and token.</List.Item>
        </List>
        <Text size="sm" c="dimmed">
          If the app already speaks SCIM 2.0, a SCIM Proxy passes your identity provider's requests on to it unchanged, with the app's own credentials,
          and logs each call.
        </Text>
        <Group mt="xs" gap="xs">
          <Button onClick={() => onCreate('custom_http')}>+ Custom HTTP</Button>
          <Button variant="light" onClick={() => onCreate('scim_proxy')}>
            + SCIM Proxy
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
