import type { IntegrationContext, IntegrationDetail } from '@gatehouse/contracts';
import { Button, Code, Group, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useIsFetching, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ingestKeys } from '../api/ingest-keys';
import { useSyncStatus } from '../api/get-sync-status';
import { useNow } from '../hooks/use-now';
import { RecordsPanel } from './records-panel';
import { SubmissionHistory } from './submission-history';
import { SyncStatusLine } from './sync-status-line';

// Past this many contexts the segments would wrap: a Select reads better.
const SEGMENTS_MAX = 4;

function ContextPicker({ contexts, value, onChange }: { contexts: IntegrationContext[]; value: string; onChange: (key: string) => void }) {
  if (contexts.length === 1) {
    return (
      <Group gap="xs">
        <Text fw={600}>{contexts[0]!.name}</Text>
        <Code>{contexts[0]!.key}</Code>
      </Group>
    );
  }
  const data = contexts.map((c) => ({ value: c.key, label: c.name }));
  if (contexts.length <= SEGMENTS_MAX) {
    return <SegmentedControl aria-label="Context" data={data} value={value} onChange={onChange} />;
  }
  return <Select label="Context" data={data} value={value} onChange={(v) => v && onChange(v)} allowDeselect={false} searchable w={320} />;
}

/** The Data tab: per context, what it holds now (records) and every push that led there. */
export function DataTab({ integration }: { integration: IntegrationDetail }) {
  const queryClient = useQueryClient();
  const now = useNow();
  const [selected, setSelected] = useState(integration.contexts[0]?.key ?? '');
  const context = integration.contexts.find((c) => c.key === selected) ?? integration.contexts[0];
  const { data: statuses } = useSyncStatus(integration.id);
  const refreshing = useIsFetching({ queryKey: ingestKeys.integration(integration.id) }) > 0;
  if (!context) {
    return (
      <Text c="dimmed" size="sm">
        This integration has no contexts: select monitorings on the Monitoring tab first.
      </Text>
    );
  }
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <ContextPicker contexts={integration.contexts} value={context.key} onChange={setSelected} />
        <Button
          variant="default"
          leftSection={<IconRefresh size={16} aria-hidden />}
          loading={refreshing}
          // New pushes arrive from outside the app; everything shown for the integration is re-read.
          onClick={() => void queryClient.invalidateQueries({ queryKey: ingestKeys.integration(integration.id) })}
        >
          Refresh
        </Button>
      </Group>
      <SyncStatusLine contextKey={context.key} status={statuses?.find((s) => s.context === context.key)} now={now} />

      <Stack gap="sm" component="section" aria-labelledby="ingest-records-title">
        <Title order={3} size="h4" id="ingest-records-title">
          Records
        </Title>
        <RecordsPanel key={context.key} integrationId={integration.id} context={context} />
      </Stack>

      <Stack gap="sm" component="section" aria-labelledby="ingest-history-title">
        <div>
          <Title order={3} size="h4" id="ingest-history-title">
            Submission history
          </Title>
          <Text size="sm" c="dimmed">
            The latest pushes to {context.key}, newest first. A refused push changes nothing: the context keeps the data of the last accepted one.
          </Text>
        </div>
        <SubmissionHistory key={context.key} integrationId={integration.id} contextKey={context.key} />
      </Stack>
    </Stack>
  );
}
