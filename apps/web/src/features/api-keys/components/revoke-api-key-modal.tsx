import type { ApiKeyResponse } from '@gatehouse/contracts';
import { Alert, Button, Code, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { MODAL_STYLES } from './modal-styles';
import { ApiRequestError } from '../../../lib/api-client';
import { useRevokeApiKey } from '../api/revoke-api-key';
import { displayPrefix } from '../utils/format';

/** Asks before revoking: the key stops working on the next request and cannot be restored. */
export function RevokeApiKeyModal({ apiKey, opened, onClose }: { apiKey: ApiKeyResponse | null; opened: boolean; onClose: () => void }) {
  const revoke = useRevokeApiKey();
  const close = () => {
    revoke.reset();
    onClose();
  };
  const onConfirm = () => {
    if (!apiKey) return;
    revoke.mutate(apiKey.id, {
      onSuccess: (revoked) => {
        notifications.show({ color: 'green', title: 'API key revoked', message: `${revoked.name} no longer works.` });
        close();
      },
    });
  };
  const error = revoke.error instanceof ApiRequestError ? revoke.error.message : revoke.error ? 'Could not reach the server. Check your connection and try again.' : null;

  return (
    <Modal opened={opened} onClose={close} title="Revoke API key" size="md" styles={MODAL_STYLES}>
      {apiKey && (
        <Stack>
          {error && (
            <Alert color="red" role="alert" title="The key was not revoked">
              {error}
            </Alert>
          )}
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" fw={600}>
              {apiKey.name}
            </Text>
            <Code>{displayPrefix(apiKey.prefix)}</Code>
          </Group>
          <Text size="sm">
            Requests using this key will be rejected immediately. Revoking cannot be undone: systems that use this key will need a new one.
          </Text>
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button color="red" onClick={onConfirm} loading={revoke.isPending}>
              Revoke API Key
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
