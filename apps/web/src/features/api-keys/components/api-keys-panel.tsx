import type { ApiKeyResponse } from '@gatehouse/contracts';
import { Alert, Button, Center, Code, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiRequestError } from '../../../lib/api-client';
import { useApiKeys } from '../api/get-api-keys';
import { ApiKeysEmptyState } from './api-keys-empty-state';
import { ApiKeysTable } from './api-keys-table';
import { CreateApiKeyModal } from './create-api-key-modal';
import { RevokeApiKeyModal } from './revoke-api-key-modal';

/** Settings › Company Settings › API Keys: the company's keys, with create and revoke. */
export function ApiKeysPanel() {
  const keys = useApiKeys();
  const [createOpened, createDialog] = useDisclosure(false);
  const [revokeOpened, revokeDialog] = useDisclosure(false);
  const [revoking, setRevoking] = useState<ApiKeyResponse | null>(null);
  const hasKeys = (keys.data?.length ?? 0) > 0;

  return (
    <Stack>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Title order={3}>API Keys</Title>
          <Text size="sm" c="dimmed" maw={640}>
            Your systems send evidence to Gatehouse with one of these keys in the <Code>x-api-key</Code> header.
          </Text>
        </div>
        {hasKeys && (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={createDialog.open}>
            Create new API Key
          </Button>
        )}
      </Group>

      {keys.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading API keys" />
        </Center>
      ) : keys.isError ? (
        <Alert color="red" role="alert" title="Could not load API keys">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{keys.error instanceof ApiRequestError ? keys.error.message : 'Could not reach the server. Check your connection.'}</Text>
            <Button size="xs" variant="light" color="red" onClick={() => void keys.refetch()}>
              Try again
            </Button>
          </Stack>
        </Alert>
      ) : hasKeys ? (
        <ApiKeysTable
          keys={keys.data}
          onRevoke={(key) => {
            setRevoking(key);
            revokeDialog.open();
          }}
        />
      ) : (
        <ApiKeysEmptyState onCreate={createDialog.open} />
      )}

      <CreateApiKeyModal opened={createOpened} onClose={createDialog.close} />
      <RevokeApiKeyModal apiKey={revoking} opened={revokeOpened} onClose={revokeDialog.close} />
    </Stack>
  );
}
