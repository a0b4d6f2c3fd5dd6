import type { IntegrationDetail } from '@gatehouse/contracts';
import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconAdjustments, IconChevronRight } from '@tabler/icons-react';
import { useState } from 'react';
import { EditMonitoringModal } from './edit-monitoring-modal';
import type { RenderMonitoringDetails, RenderMonitoringPicker } from './monitoring-slots';

/** The integration's connected monitorings: open one for details, or change the selection. */
export function MonitoringTab({
  integration,
  renderPicker,
  renderMonitoringDetails,
}: {
  integration: IntegrationDetail;
  renderPicker: RenderMonitoringPicker;
  renderMonitoringDetails: RenderMonitoringDetails;
}) {
  const [editing, setEditing] = useState(false);
  const [shown, setShown] = useState<string | null>(null);
  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Records submitted to this integration feed these monitorings. Changing the selection changes the endpoints on the Overview.
        </Text>
        <Button leftSection={<IconAdjustments size={16} aria-hidden />} onClick={() => setEditing(true)}>
          Edit Monitoring
        </Button>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {integration.monitorings.map((m) => (
          <Card key={m.id} withBorder radius="md" padding={0}>
            <UnstyledButton onClick={() => setShown(m.id)} p="md" aria-label={`${m.name}: view details`} style={{ display: 'block', width: '100%' }}>
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Stack gap={4}>
                  <Group gap="xs">
                    <Text fw={600}>{m.name}</Text>
                    <Badge variant="light" size="sm">
                      {m.category.name}
                    </Badge>
                  </Group>
                  <Text size="sm" c="dimmed" lineClamp={2}>
                    {m.description}
                  </Text>
                </Stack>
                <IconChevronRight size={18} aria-hidden style={{ flexShrink: 0 }} />
              </Group>
            </UnstyledButton>
          </Card>
        ))}
      </SimpleGrid>
      {editing && <EditMonitoringModal integration={integration} opened={editing} onClose={() => setEditing(false)} renderPicker={renderPicker} />}
      {shown && renderMonitoringDetails({ monitoringId: shown, onClose: () => setShown(null) })}
    </Stack>
  );
}
