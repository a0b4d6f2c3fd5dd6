import type { ConnectorResponse } from '@gatehouse/contracts';
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ApiRequestError } from '../../../lib/api-client';
import { useDeleteConnector } from '../api/delete-connector';

type Props = { connector: ConnectorResponse; opened: boolean; onClose: () => void; onDeleted: () => void };

/** Asks before deleting: settings, secret, SCIM token and call log go with the instance. */
export function DeleteConnectorModal({ connector, opened, onClose, onDeleted }: Props) {
  const remove = useDeleteConnector();
  const close = () => {
    remove.reset();
    onClose();
  };
  const error = remove.error instanceof ApiRequestError ? remove.error.message : remove.error ? 'Could not reach the server. Try again.' : null;
  return (
    <Modal opened={opened} onClose={close} title="Delete instance">
      <Stack>
        {error && (
          <Alert color="red" role="alert" title="The instance was not deleted">
            {error}
          </Alert>
        )}
        <Text size="sm">
          Delete <strong>{connector.name}</strong>? Its settings, secret, SCIM token, call log and the records of provisioned users and groups are
          removed, and your identity provider's requests to it will fail. Nothing is changed in the connected app.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button
            color="red"
            loading={remove.isPending}
            onClick={() =>
              remove.mutate(connector.id, {
                onSuccess: () => {
                  notifications.show({ color: 'green', title: 'Instance deleted', message: `${connector.name} was deleted.` });
                  onDeleted();
                },
              })
            }
          >
            Delete instance
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
