import type { IntegrationDetail } from '@gatehouse/contracts';
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { ApiRequestError } from '../../../lib/api-client';
import { useDeleteIntegration } from '../api/delete-integration';

/** Asks before deleting; the endpoints stop accepting data at once, so say so. */
export function DeleteIntegrationModal({ integration, opened, onClose, onDeleted }: { integration: IntegrationDetail; opened: boolean; onClose: () => void; onDeleted: () => void }) {
  const remove = useDeleteIntegration();
  const error = remove.error ? (remove.error instanceof ApiRequestError ? remove.error.message : 'Could not reach the server. Try again.') : null;
  return (
    <Modal opened={opened} onClose={onClose} title="Delete integration">
      <Stack>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Text size="sm">
          Delete <strong>{integration.name}</strong>? Its {integration.contexts.length === 1 ? 'endpoint stops' : `${integration.contexts.length} endpoints stop`} accepting
          data immediately. This cannot be undone.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" loading={remove.isPending} onClick={() => remove.mutate(integration.id, { onSuccess: onDeleted })}>
            Delete integration
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
