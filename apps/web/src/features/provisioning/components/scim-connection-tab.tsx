import type { ConnectorResponse, ScimTokenIssuedResponse } from '@gatehouse/contracts';
import { Alert, Button, Center, Group, Loader, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAlertTriangle, IconKey, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiRequestError } from '../../../lib/api-client';
import { useScimToken } from '../api/get-scim-token';
import { useIssueScimToken } from '../api/issue-scim-token';
import { formatDateTime } from '../utils/connector-display';
import { CopyField } from './copy-field';
import { IdpInstructions } from './idp-instructions';

/** SCIM connection: where the identity provider sends its requests, and the token it sends with them. */
export function ScimConnectionTab({ connector }: { connector: ConnectorResponse }) {
  const status = useScimToken(connector.id);
  const issue = useIssueScimToken();
  const [issued, setIssued] = useState<ScimTokenIssuedResponse | null>(null);
  const [confirmOpened, confirm] = useDisclosure(false);

  const generate = () =>
    issue.mutate(connector.id, {
      onSuccess: (answer) => {
        setIssued(answer);
        confirm.close();
      },
    });
  const issueError = issue.error instanceof ApiRequestError ? issue.error.message : issue.error ? 'Could not reach the server. Try again.' : null;

  if (status.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading the SCIM connection" />
      </Center>
    );
  }
  if (status.isError) {
    return (
      <Alert color="red" role="alert" title="Could not load the SCIM connection">
        {status.error instanceof ApiRequestError ? status.error.message : 'Could not reach the server.'}
      </Alert>
    );
  }
  const { hasToken, createdAt, lastUsedAt, baseUrl } = status.data;

  return (
    <Stack gap="lg" maw={960}>
      {!connector.enabled && (
        <Alert color="yellow" variant="light" title="This instance is disabled">
          Your identity provider's requests are refused until you enable it in Settings.
        </Alert>
      )}
      <Paper withBorder radius="md" p="md">
        <Stack>
          <CopyField
            label="SCIM base URL"
            value={baseUrl}
            description={
              connector.type === 'scim_proxy'
                ? `Your identity provider sends SCIM requests here (…/Users, …/Groups); Gatehouse forwards them to ${connector.scimBaseUrl ?? "the app's SCIM base URL"}.`
                : 'Your identity provider sends SCIM requests here (…/Users, …/Groups).'
            }
          />
          <Group justify="space-between" align="flex-end">
            <div>
              <Title order={5}>Token</Title>
              <Text size="sm" c="dimmed">
                {hasToken && createdAt
                  ? `Created ${formatDateTime(createdAt)}; ${lastUsedAt ? `last used ${formatDateTime(lastUsedAt)}` : 'not used yet'}.`
                  : 'No token yet. Generate one and give it to your identity provider.'}
              </Text>
            </div>
            {hasToken ? (
              <Button variant="default" leftSection={<IconRefresh size={16} aria-hidden />} onClick={confirm.open}>
                Rotate token
              </Button>
            ) : (
              <Button leftSection={<IconKey size={16} aria-hidden />} onClick={generate} loading={issue.isPending}>
                Generate token
              </Button>
            )}
          </Group>
          {issueError && !confirmOpened && (
            <Alert color="red" role="alert">
              {issueError}
            </Alert>
          )}
          {issued && (
            <Stack gap="sm">
              <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />}>
                Copy this token now and paste it into your identity provider. It is not shown again; if you lose it, rotate the token.
              </Alert>
              <CopyField label="SCIM token" value={issued.token} secret />
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setIssued(null)}>
                  Done
                </Button>
              </Group>
            </Stack>
          )}
        </Stack>
      </Paper>
      <IdpInstructions />
      <Modal opened={confirmOpened} onClose={confirm.close} title="Rotate the SCIM token?">
        <Stack>
          <Text size="sm">A new token is created and the old token stops working at once. Provisioning fails until your identity provider has the new one.</Text>
          {issueError && (
            <Alert color="red" role="alert">
              {issueError}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={confirm.close}>
              Cancel
            </Button>
            <Button color="red" onClick={generate} loading={issue.isPending}>
              Rotate token
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
