import type { IntegrationDetail } from '@gatehouse/contracts';
import { Alert, Stack, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { ContextCard } from './context-card';
import type { IntegrationDataSlots } from './monitoring-slots';

/** One card per context: endpoint, headers, schema, curl and validation. */
export function OverviewTab({ integration, renderContextSyncStatus }: { integration: IntegrationDetail } & Pick<IntegrationDataSlots, 'renderContextSyncStatus'>) {
  return (
    <Stack>
      <Alert variant="light" color="blue" icon={<IconInfoCircle aria-hidden />}>
        <Text size="sm">
          Each context has its own endpoint. Send records as <code>{'{"data": [ {...}, {...} ]}'}</code>, each record matching the context's schema, with
          the headers below. Use <strong>Validate</strong> to check a file before you build the integration.
        </Text>
      </Alert>
      {integration.contexts.map((context) => (
        <ContextCard key={context.key} context={context} integrationName={integration.name} strict={integration.strict} syncStatus={renderContextSyncStatus?.({ integration, context })} />
      ))}
    </Stack>
  );
}
