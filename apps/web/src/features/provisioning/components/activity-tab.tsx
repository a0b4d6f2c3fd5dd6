import type { ConnectorCallResponse, ConnectorResponse } from '@gatehouse/contracts';
import { Alert, Badge, Button, Center, CloseButton, Code, Divider, Group, Loader, Paper, SegmentedControl, Select, Stack, Table, Text, Title, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconPlayerPlay, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiRequestError } from '../../../lib/api-client';
import { useConnectorCalls } from '../api/get-connector-calls';
import { callOutcome, callSourceLabel, callStatusText, formatCallTime, formatDateTime, formatDuration, type CallFilters, type CallStatusFilter } from '../utils/connector-display';
import { callOperations } from '../utils/connector-kinds';
import { CallDetailDrawer } from './call-detail';
import { ProvisionOnDemandModal } from './provision-on-demand-modal';
import { ProvisionedDirectory } from './provisioned-directory';

/**
 * Activity: the outbound call log, newest first, filtered by operation, status and SCIM user or
 * group, each call opening to its request and answer; for Custom HTTP, also the users and groups
 * provisioned through the instance (a proxy keeps none) and provision on demand.
 */
export function ActivityTab({ connector }: { connector: Pick<ConnectorResponse, 'id' | 'type'> }) {
  const connectorId = connector.id;
  const proxy = connector.type === 'scim_proxy';
  const [filters, setFilters] = useState<CallFilters>({ operation: null, outcome: null, scimUserId: null, scimGroupId: null });
  const calls = useConnectorCalls(connectorId, filters);
  const [openCall, setOpenCall] = useState<string | null>(null);
  const [onDemand, setOnDemand] = useState<{ user: { id: string; userName: string } | null } | null>(null);
  const subject = filters.scimUserId ? { kind: 'user', id: filters.scimUserId } : filters.scimGroupId ? { kind: 'group', id: filters.scimGroupId } : null;
  const showCalls = (kind: 'user' | 'group', id: string) => {
    setFilters((f) => ({ ...f, scimUserId: kind === 'user' ? id : null, scimGroupId: kind === 'group' ? id : null }));
    document.getElementById(`calls-${connectorId}`)?.scrollIntoView({ block: 'start' });
  };

  return (
    <Stack>
      <div id={`calls-${connectorId}`}>
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
            onChange={(v) => setFilters((f) => ({ ...f, outcome: v === 'all' ? null : (v as CallStatusFilter) }))}
            data={[
              { value: 'all', label: 'All' },
              { value: 'success', label: 'Success' },
              { value: 'failure', label: 'Failure' },
              { value: '2xx', label: '2xx' },
              { value: '4xx', label: '4xx' },
              { value: '5xx', label: '5xx' },
            ]}
          />
        </Group>
        <Group gap="xs">
          {!proxy && (
            <Button variant="light" leftSection={<IconPlayerPlay size={16} aria-hidden />} onClick={() => setOnDemand({ user: null })}>
              Provision on demand
            </Button>
          )}
          <Button variant="subtle" leftSection={<IconRefresh size={16} aria-hidden />} onClick={() => void calls.refetch()} loading={calls.isFetching && !calls.isFetchingNextPage}>
            Refresh
          </Button>
        </Group>
      </Group>
      {subject && (
        <Group gap={4}>
          <Badge variant="light" size="lg" radius="sm" rightSection={<CloseButton size="xs" aria-label={`Show calls for every ${subject.kind}`} onClick={() => setFilters((f) => ({ ...f, scimUserId: null, scimGroupId: null }))} />}>
            Calls for SCIM {subject.kind} {subject.id}
          </Badge>
        </Group>
      )}
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
            {filters.operation || filters.outcome || subject
              ? 'No calls match these filters.'
              : 'No calls yet. Live tests and the requests your identity provider triggers are listed here.'}
          </Text>
        </Paper>
      ) : (
        <>
          <CallsTable calls={calls.data} onOpen={setOpenCall} />
          {calls.hasNextPage && (
            <Center>
              <Button variant="default" onClick={() => void calls.fetchNextPage()} loading={calls.isFetchingNextPage}>
                Load more
              </Button>
            </Center>
          )}
        </>
      )}
      <CallDetailDrawer connectorId={connectorId} callId={openCall} onClose={() => setOpenCall(null)} />
      {onDemand && <ProvisionOnDemandModal connectorId={connectorId} initialUser={onDemand.user} onClose={() => setOnDemand(null)} />}
      <Divider my="sm" />
      {proxy ? (
        <Text size="sm" c="dimmed">
          A SCIM proxy keeps no copy of users and groups: the app holds them, and answers your identity provider itself.
        </Text>
      ) : (
        <ProvisionedDirectory connectorId={connectorId} onShowCalls={showCalls} onProvision={(user) => setOnDemand({ user })} />
      )}
    </Stack>
  );
}

function CallsTable({ calls, onOpen }: { calls: ConnectorCallResponse[]; onOpen: (callId: string) => void }) {
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
              <Table.Th>
                <VisuallyHidden>Details</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {calls.map((call) => {
              const failed = callOutcome(call) === 'failure';
              return (
                <Table.Tr key={call.id} data-outcome={callOutcome(call)} onClick={() => onOpen(call.id)} style={{ cursor: 'pointer' }}>
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
                  <Table.Td>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      aria-label={`Open ${call.operation} call of ${formatCallTime(call.createdAt)}`}
                      onClick={(e) => {
                        e.stopPropagation();
                        onOpen(call.id);
                      }}
                    >
                      Details
                    </Button>
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
