import { API_KEY_NAME_MAX_LENGTH, type CreatedApiKeyResponse, type IntegrationContext } from '@gatehouse/contracts';
import { withApiKey } from '@gatehouse/schemas';
import { Alert, Button, Code, CopyButton, Group, Modal, ScrollArea, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy, IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiRequestError } from '../../../lib/api-client';
import { useCreateApiKey } from '../../api-keys/api/create-api-key';
import { CreatedApiKey } from '../../api-keys/components/created-api-key';
import { useKeyCloseGuard } from '../../api-keys/components/key-close-guard';
import { MODAL_STYLES } from '../../api-keys/components/modal-styles';
import { DEFAULT_EXPIRY_CHOICE, expiryFromChoice } from '../../api-keys/utils/expiry';

/** "In-house HR System key", cut to the longest name the API accepts. */
export function newKeyName(integrationName: string): string {
  const suffix = ' key';
  return `${integrationName.trim().slice(0, API_KEY_NAME_MAX_LENGTH - suffix.length).trimEnd()}${suffix}`;
}

/**
 * "Use a new key" beside a context's curl example: creates an API key named after the integration,
 * with the API Keys page's default lifetime, and shows it once in a dialog together with the curl
 * example that uses it. The key lives only in that dialog's state.
 */
export function UseNewKey({ integrationName, context }: { integrationName: string; context: Pick<IntegrationContext, 'key' | 'curlExample'> }) {
  const create = useCreateApiKey();
  const [apiKey, setApiKey] = useState<CreatedApiKeyResponse | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const onClick = () => {
    setProblem(null);
    const expiresAt = expiryFromChoice(DEFAULT_EXPIRY_CHOICE, null, new Date())!;
    create.mutate(
      { name: newKeyName(integrationName), expiresAt: expiresAt.toISOString() },
      {
        onSuccess: setApiKey,
        onError: (err) => setProblem(err instanceof ApiRequestError ? err.message : 'Could not reach the server. Check your connection and try again.'),
      },
    );
  };
  return (
    <>
      <Button size="xs" variant="light" leftSection={<IconKey size={14} aria-hidden />} loading={create.isPending} onClick={onClick}>
        Use a new key
      </Button>
      {problem && (
        <Alert color="red" role="alert" title="The key was not created">
          {problem}
        </Alert>
      )}
      {apiKey && <NewKeyModal apiKey={apiKey} curl={withApiKey(context.curlExample, apiKey.key)} contextKey={context.key} onClose={() => setApiKey(null)} />}
    </>
  );
}

function NewKeyModal({ apiKey, curl, contextKey, onClose }: { apiKey: CreatedApiKeyResponse; curl: string; contextKey: string; onClose: () => void }) {
  const guard = useKeyCloseGuard(true, onClose);
  return (
    <Modal opened onClose={guard.requestClose} title="API key created" closeOnClickOutside={false} size="xl" closeButtonProps={{ 'aria-label': 'Close' }} styles={MODAL_STYLES}>
      <CreatedApiKey apiKey={apiKey} onCopied={guard.markCopied} confirming={guard.confirming} onKeepOpen={guard.keepOpen} onCloseAnyway={onClose} onDone={guard.requestClose}>
        <Stack gap="xs">
          <Group justify="space-between">
            <Text size="sm" fw={600}>
              curl example with this key
            </Text>
            <CopyButton value={curl} timeout={2000}>
              {({ copied, copy }) => (
                <Button
                  size="xs"
                  variant={copied ? 'light' : 'default'}
                  color={copied ? 'teal' : undefined}
                  leftSection={copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />}
                  onClick={() => {
                    copy();
                    guard.markCopied();
                  }}
                >
                  {copied ? 'Copied' : 'Copy curl example'}
                </Button>
              )}
            </CopyButton>
          </Group>
          <ScrollArea.Autosize mah={300} type="auto">
            <Code block aria-label={`curl example for ${contextKey} with the new key`}>
              {curl}
            </Code>
          </ScrollArea.Autosize>
        </Stack>
      </CreatedApiKey>
    </Modal>
  );
}
