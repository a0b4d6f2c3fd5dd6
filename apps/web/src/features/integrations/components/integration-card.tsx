import type { IntegrationListItem } from '@gatehouse/contracts';
import { Badge, Card, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { LastPushLine } from '../../ingest/components/last-push-line';
import type { LastPush } from '../../ingest/utils/sync-summary';
import { monitoringCountLabel } from '../utils/integration-filters';
import { IntegrationLogo } from './integration-logo';

/**
 * A connected integration on the Integrations page; the whole card opens its details. `lastPush`:
 * its newest push (undefined inside when it never had one), once the last pushes are loaded.
 */
export function IntegrationCard({ integration, lastPush }: { integration: IntegrationListItem; lastPush?: { push: LastPush | undefined; now: Date } }) {
  return (
    <Card component={Link} to={`/integrations/${integration.id}`} withBorder radius="md" padding="lg" aria-label={integration.name} style={{ textDecoration: 'none' }}>
      <Stack gap="sm" h="100%">
        <Group wrap="nowrap">
          <IntegrationLogo name={integration.name} logoUrl={integration.logoUrl} />
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Text fw={600} truncate>
              {integration.name}
            </Text>
            <Text size="xs" c="dimmed">
              Custom integration
            </Text>
          </Stack>
        </Group>
        <Text size="sm" c="dimmed" lineClamp={2} style={{ flex: 1 }}>
          {integration.description ?? 'No description.'}
        </Text>
        {lastPush && <LastPushLine push={lastPush.push} now={lastPush.now} />}
        <Group gap={6}>
          <Badge variant="light">{monitoringCountLabel(integration.monitorings.length)}</Badge>
          {integration.categories.slice(0, 2).map((c) => (
            <Badge key={c.key} variant="outline" color="gray">
              {c.name}
            </Badge>
          ))}
          {integration.categories.length > 2 && (
            <Badge variant="outline" color="gray">
              +{integration.categories.length - 2}
            </Badge>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
