import type { MonitoringContextResponse } from '@gatehouse/contracts';
import { Accordion, Alert, Badge, Center, Code, Group, Loader, Modal, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useMonitorings } from '../api/get-monitorings';

/**
 * One monitoring of the catalog: what it evidences, its category, and the contexts (with
 * schemas) it needs. `renderSchema` draws a context's schema; the route supplies it.
 */
export function MonitoringDetailsModal({
  monitoringId,
  onClose,
  renderSchema,
}: {
  monitoringId: string;
  onClose: () => void;
  renderSchema: (context: MonitoringContextResponse) => ReactNode;
}) {
  const { data: catalog, isPending, error } = useMonitorings();
  const monitoring = catalog?.find((m) => m.id === monitoringId);
  return (
    <Modal opened onClose={onClose} title={monitoring?.name ?? 'Monitoring'} size="xl">
      {isPending ? (
        <Center py="lg">
          <Loader aria-label="Loading monitoring" />
        </Center>
      ) : error || !monitoring ? (
        <Alert color="red" role="alert">
          {error?.message ?? 'This monitoring is no longer in the catalog.'}
        </Alert>
      ) : (
        <Stack>
          <Group gap="xs">
            <Text size="sm" fw={600}>
              Category
            </Text>
            <Badge variant="light">{monitoring.category.name}</Badge>
          </Group>
          <Text size="sm">{monitoring.description}</Text>
          <Title order={3} size="h5">
            Contexts
          </Title>
          <Accordion variant="separated" chevronPosition="left">
            {monitoring.contexts.map((context) => (
              <Accordion.Item key={context.key} value={context.key}>
                <Accordion.Control>
                  <Group gap="xs">
                    <Text fw={500}>{context.name}</Text>
                    <Code>{context.key}</Code>
                  </Group>
                </Accordion.Control>
                <Accordion.Panel>
                  <Stack gap="sm">
                    <Text size="sm" c="dimmed">
                      {context.description}
                    </Text>
                    {renderSchema(context)}
                  </Stack>
                </Accordion.Panel>
              </Accordion.Item>
            ))}
          </Accordion>
        </Stack>
      )}
    </Modal>
  );
}
