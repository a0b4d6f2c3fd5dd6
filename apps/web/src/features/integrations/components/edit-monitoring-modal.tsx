import { contextWithDataSchema, type ContextWithData, type IntegrationDetail } from '@gatehouse/contracts';
import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { z } from 'zod';
import { ApiRequestError } from '../../../lib/api-client';
import { useReplaceIntegrationMonitorings } from '../api/replace-integration-monitorings';
import type { RenderMonitoringPicker } from './monitoring-slots';

/** The contexts a 409 names when the new selection drops contexts that already received pushes. */
function contextsToConfirm(err: unknown): ContextWithData[] | null {
  if (!(err instanceof ApiRequestError) || err.status !== 409) return null;
  const parsed = z.object({ contexts: z.array(contextWithDataSchema).min(1) }).safeParse(err.body);
  return parsed.success ? parsed.data.contexts : null;
}

const when = (iso: string) => new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });

/**
 * The wizard's monitoring selection in a dialog; saving replaces the whole selection. Dropping a
 * context that already received pushes is confirmed first: the server names those contexts, with
 * their record counts and last push, and this asks before sending the selection again.
 */
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
  const confirming = contextsToConfirm(replace.error);
  const error = replace.error && !confirming ? (replace.error instanceof ApiRequestError ? replace.error.message : 'Could not reach the server. Try again.') : null;

  const save = (confirmRemovingContexts?: string[]) =>
    replace.mutate(
      { id: integration.id, monitoringIds: selected, ...(confirmRemovingContexts ? { confirmRemovingContexts } : {}) },
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
        {confirming ? (
          <Alert color="orange" role="alertdialog" aria-labelledby="remove-contexts-title" title={<span id="remove-contexts-title">Remove endpoints that hold data?</span>}>
            <Stack gap="sm">
              <Text size="sm">This selection removes {confirming.length === 1 ? 'an endpoint that has' : 'endpoints that have'} already received pushes:</Text>
              <List size="sm">
                {confirming.map((c) => (
                  <List.Item key={c.key}>
                    <Text span ff="monospace" size="sm">
                      {c.key}
                    </Text>{' '}
                    ({c.name}): {c.recordsNow.toLocaleString('en-US')} {c.recordsNow === 1 ? 'record' : 'records'} now, last push {when(c.lastPushAt)}
                  </List.Item>
                ))}
              </List>
              <Text size="sm">
                After saving, pushes to {confirming.length === 1 ? 'it' : 'them'} are refused (404) and the Data tab no longer shows {confirming.length === 1 ? 'its' : 'their'} records. The data
                is kept: select a monitoring that needs {confirming.length === 1 ? 'this context' : 'these contexts'} again and it is back as it was.
              </Text>
              <Group justify="flex-end">
                <Button variant="default" onClick={() => replace.reset()}>
                  Back to the selection
                </Button>
                <Button color="orange" onClick={() => save(confirming.map((c) => c.key))} loading={replace.isPending}>
                  Remove and keep the data
                </Button>
              </Group>
            </Stack>
          </Alert>
        ) : (
          <>
            {renderPicker({ value: selected, onChange: setSelected })}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button onClick={() => save()} loading={replace.isPending} disabled={selected.length === 0}>
                Save
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}
