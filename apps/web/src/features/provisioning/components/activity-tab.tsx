import type { ConnectorCallResponse, ConnectorResponse } from '@gatehouse/contracts';
import { Alert, Badge, Button, Center, Code, Divider, Group, Loader, Paper, SegmentedControl, Select, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiRequestError } from '../../../lib/api-client';
import { useConnectorCalls } from '../api/get-connector-calls';
import { callOutcome, callSourceLabel, callStatusText, formatCallTime, formatDateTime, formatDuration, type CallFilters, type CallOutcome } from '../utils/connector-display';
import { callOperations } from '../utils/connector-kinds';
import { ProvisionedDirectory } from './provisioned-directory';

/**
 * Activity: the outbound call log, newest first, filtered by operation and outcome; for Custom
 * HTTP, also the users and groups provisioned through the instance (a proxy keeps none).
 */
export function ActivityTab({ connector }: { connector: Pick<ConnectorResponse, 'id' | 'type'> }) {
  const connectorId = connector.id;
  const proxy = connector.type === 'scim_proxy';
  const [filters, setFilters] = useState<CallFilters>({ operation: null, outcome: null });
  const calls = useConnectorCalls(connectorId, filters);

  return (
    <Stack>
      <div>
        <Title order={4}>Calls</Title>
        <Text size="sm" c="dimmed">
          {proxy ? 'Every SCIM request forwarded to the app, with its answer.' : 'Requests to the app from live tests and from your identity provider.'}
        </Text>
      </div>
      <Group justify="space-between" align="flex-end">
        <Group align="flex-end">
          <Select
            label="Operation"
            placeholder="All operations"
            clearable
            searchable
            data={callOperations(connector.type)}
            value={filters.operation}
            onChange={(operation) => setFilters((f) => ({ ...f, operation }))}
            w={240}
          />
          <SegmentedControl
            aria-label="Outcome"
            value={filters.outcome ?? 'all'}
            onChange={(v) => setFilters((f) => ({ ...f, outcome: v === 'all' ? null : (v as CallOutcome) }))}
            data={[
              { value: 'all', label: 'All' },
              { value: 'success', label: 'Success' },
              { value: 'failure', label: 'Failure' },
            ]}
          />
        </Group>
        <Button variant="subtle" leftSection={<IconRefresh size={16} aria-hidden />} onClick={() => void calls.refetch()} loading={calls.isFetching}>
          Refresh
        </Button>
      </Group>
      {calls.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading calls" />
        </Center>
      ) : calls.isError ? (
        <Alert color="red" role="alert" title="Could not load the call log">
          {calls.error instanceof ApiRequestError ? calls.error.message : 'Could not reach the server.'}
        </Alert>
      ) : calls.data.length === 0 ? (
        <Paper withBorder radius="md" p="xl">
          <Text size="sm" c="dimmed" ta="center">
            {filters.operation || filters.outcome
              ? 'No calls match these filters.'
              : 'No calls yet. Live tests and the requests your identity provider triggers are listed here.'}
          </Text>
        </Paper>
      ) : (
        <CallsTable calls={calls.data} />
      )}
      <Divider my="sm" />
      {proxy ? (
        <Text size="sm" c="dimmed">
          A SCIM proxy keeps no copy of users and groups: the app holds them, and answers your identity provider itself.
        </Text>
      ) : (
        <ProvisionedDirectory connectorId={connectorId} />
      )}
    </Stack>
  );
}

function CallsTable({ calls }: { calls: ConnectorCallResponse[] }) {
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={900} type="native">
        <Table verticalSpacing="xs" horizontalSpacing="sm" fz="sm" aria-label="Connector calls" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Time</Table.Th>
              <Table.Th>Operation</Table.Th>
              <Table.Th>Request</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Duration</Table.Th>
              <Table.Th>Error</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {calls.map((call) => {
              const failed = callOutcome(call) === 'failure';
              return (
                <Table.Tr key={call.id} data-outcome={callOutcome(call)}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Text size="sm" title={formatDateTime(call.createdAt)}>
                      {formatCallTime(call.createdAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={0}>
                      <Text size="sm" ff="monospace">
                        {call.operation}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {callSourceLabel(call.source)}
                      </Text>
                    </Stack>
                  </Table.Td>
                  <Table.Td maw={380}>
                    <Group gap={6} wrap="nowrap" align="flex-start">
                      <Badge size="sm" variant="light" radius="sm" style={{ flexShrink: 0 }}>
                        {call.method}
                      </Badge>
                      <Code style={{ wordBreak: 'break-all' }}>{call.url}</Code>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={failed ? 'red' : 'teal'} variant="light">
                      {callStatusText(call)}
                    </Badge>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {formatDuration(call.durationMs)}
                    {call.attempts > 1 && (
                      <Tooltip label="Retried after a temporary failure">
                        <Text span size="xs" c="dimmed">
                          {' '}
                          ×{call.attempts}
                        </Text>
                      </Tooltip>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={failed ? 'red.7' : 'dimmed'} style={{ wordBreak: 'break-word' }}>
                      {call.error ?? '—'}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
