import type { IntegrationDetail } from '@gatehouse/contracts';
import { Badge, Button, Group, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useSyncStatus } from '../../ingest/api/get-sync-status';
import { LastPushLine } from '../../ingest/components/last-push-line';
import { useNow } from '../../ingest/hooks/use-now';
import { newestPush } from '../../ingest/utils/sync-summary';
import { DeleteIntegrationModal } from './delete-integration-modal';
import { EditIntegrationModal } from './edit-integration-modal';
import { IntegrationLogo } from './integration-logo';

/** Logo, name, description, the strict setting and the last push, with edit and delete. `onDeleted` decides where to go next. */
export function IntegrationHeader({ integration, onDeleted }: { integration: IntegrationDetail; onDeleted: () => void }) {
  const statuses = useSyncStatus(integration.id);
  const now = useNow();
  const [editing, edit] = useDisclosure(false);
  const [deleting, del] = useDisclosure(false);
  return (
    <Group justify="space-between" align="flex-start" gap="sm">
      <Group align="flex-start" wrap="nowrap" style={{ minWidth: 0, flex: '1 1 320px' }}>
        <IntegrationLogo name={integration.name} logoUrl={integration.logoUrl} size={64} />
        <Stack gap={4} style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
          <Group gap="xs">
            <Title order={2}>{integration.name}</Title>
            <Badge variant="light" color="gray">
              Custom integration
            </Badge>
            <Tooltip
              label={
                integration.strict
                  ? 'Records with properties the schema does not define are refused.'
                  : 'Records with properties the schema does not define are accepted and reported as warnings.'
              }
              multiline
              w={280}
            >
              <Badge variant="light" color={integration.strict ? 'orange' : 'gray'}>
                Strict: {integration.strict ? 'on' : 'off'}
              </Badge>
            </Tooltip>
          </Group>
          <Text c={integration.description ? undefined : 'dimmed'} size="sm" maw={720}>
            {integration.description ?? 'No description.'}
          </Text>
          {statuses.data && <LastPushLine push={newestPush(statuses.data)} now={now} />}
        </Stack>
      </Group>
      <Group gap="xs" wrap="nowrap">
        <Button variant="default" leftSection={<IconPencil size={16} aria-hidden />} onClick={edit.open}>
          Edit
        </Button>
        <Button variant="light" color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={del.open}>
          Delete
        </Button>
      </Group>
      {editing && (
        <EditIntegrationModal
          integration={integration}
          opened={editing}
          onClose={edit.close}
          onSaved={() => {
            edit.close();
            notifications.show({ color: 'green', message: 'Integration saved' });
          }}
        />
      )}
      {deleting && (
        <DeleteIntegrationModal
          integration={integration}
          opened={deleting}
          onClose={del.close}
          onDeleted={() => {
            del.close();
            notifications.show({ color: 'green', message: `${integration.name} deleted` });
            onDeleted();
          }}
        />
      )}
    </Group>
  );
}
