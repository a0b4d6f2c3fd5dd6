import type { IntegrationDetail } from '@gatehouse/contracts';
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { ApiRequestError } from '../../../lib/api-client';
import { useReplaceIntegrationMonitorings } from '../api/replace-integration-monitorings';
import type { RenderMonitoringPicker } from './monitoring-slots';

/** The wizard's monitoring selection in a dialog; saving replaces the whole selection. */
export function EditMonitoringModal({
  integration,
  opened,
  onClose,
  renderPicker,
}: {
  integration: IntegrationDetail;
  opened: boolean;
  onClose: () => void;
  renderPicker: RenderMonitoringPicker;
}) {
  const [selected, setSelected] = useState<string[]>(() => integration.monitorings.map((m) => m.id));
  const replace = useReplaceIntegrationMonitorings();
  const error = replace.error ? (replace.error instanceof ApiRequestError ? replace.error.message : 'Could not reach the server. Try again.') : null;

  const save = () =>
    replace.mutate(
      { id: integration.id, monitoringIds: selected },
      {
        onSuccess: (updated) => {
          notifications.show({ color: 'green', message: `Monitoring saved: ${updated.contexts.length} ${updated.contexts.length === 1 ? 'endpoint' : 'endpoints'}` });
          onClose();
        },
      },
    );

  return (
    <Modal opened={opened} onClose={onClose} title="Edit Monitoring" size="80rem">
      <Stack>
        <Text size="sm" c="dimmed">
          Add or remove monitorings. The schemas and endpoints on the Overview change to match when you save.
        </Text>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        {renderPicker({ value: selected, onChange: setSelected })}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={save} loading={replace.isPending} disabled={selected.length === 0}>
            Save
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
