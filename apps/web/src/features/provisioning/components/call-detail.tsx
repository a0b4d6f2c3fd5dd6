import type { ConnectorCallDetailResponse } from '@gatehouse/contracts';
import { Alert, Badge, Center, Code, Drawer, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { ApiRequestError } from '../../../lib/api-client';
import { useConnectorCall } from '../api/get-connector-call';
import { callOutcome, callSourceLabel, callStatusText, formatDateTime, formatDuration } from '../utils/connector-display';
import { headerRows } from '../utils/live-preview';
import { readableBody, RequestView } from './request-view';

/** One call opened from the call log, in a side panel. */
export function CallDetailDrawer({ connectorId, callId, onClose }: { connectorId: string; callId: string | null; onClose: () => void }) {
  const call = useConnectorCall(connectorId, callId);
  return (
    <Drawer opened={callId !== null} onClose={onClose} position="right" size="xl" title="Call details" closeButtonProps={{ 'aria-label': 'Close call details' }}>
      {call.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading the call" />
        </Center>
      ) : call.isError ? (
        <Alert color="red" role="alert" title="Could not open the call">
          {call.error instanceof ApiRequestError ? call.error.message : 'Could not reach the server.'}
        </Alert>
      ) : (
        <CallDetailView call={call.data} />
      )}
    </Drawer>
  );
}

/** What was sent and what came back, as the call log keeps them (secrets masked, bodies cut at 64 kB). */
export function CallDetailView({ call }: { call: ConnectorCallDetailResponse }) {
  const failed = callOutcome(call) === 'failure';
  return (
    <Stack gap="md" role="region" aria-label={`Call ${call.operation}`}>
      <Group gap="xs">
        <Text ff="monospace" fw={600}>
          {call.operation}
        </Text>
        <Badge color={failed ? 'red' : 'teal'} variant="light">
          {callStatusText(call)}
        </Badge>
        <Text size="sm" c="dimmed">
          {callSourceLabel(call.source)} · {formatDateTime(call.createdAt)} · {formatDuration(call.durationMs)}
          {call.attempts > 1 ? ` · ${call.attempts} attempts` : ''}
        </Text>
      </Group>
      {call.error && (
        <Alert color="red" title="Error">
          <Text size="sm" style={{ wordBreak: 'break-word' }}>
            {call.error}
          </Text>
        </Alert>
      )}
      {call.note && (
        <Alert color="blue" title="Why this call was made">
          <Text size="sm" style={{ wordBreak: 'break-word' }}>
            {call.note}
          </Text>
        </Alert>
      )}
      {call.scimUserId && (
        <Text size="sm">
          For SCIM user <Code>{call.scimUserId}</Code>
        </Text>
      )}
      {call.scimGroupId && (
        <Text size="sm">
          For SCIM group <Code>{call.scimGroupId}</Code>
        </Text>
      )}
      {!call.hasDetail && (
        <Text size="sm" c="dimmed">
          Only the newest calls keep their request and response; this one shows its summary.
        </Text>
      )}
      <Stack gap={4}>
        <Title order={5}>Request</Title>
        {call.request ? (
          <RequestView label="Request" request={{ method: call.method, url: call.url, headers: call.request.headers, body: call.request.body }} />
        ) : (
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <Badge variant="light" radius="sm" style={{ flexShrink: 0 }}>
              {call.method}
            </Badge>
            <Code style={{ wordBreak: 'break-all' }}>{call.url}</Code>
          </Group>
        )}
        {call.request?.bodyTruncated && (
          <Text size="xs" c="dimmed">
            Body cut at 64 kB.
          </Text>
        )}
      </Stack>
      {call.hasDetail && (
        <Stack gap={4} role="group" aria-label="Response">
          <Title order={5}>Response</Title>
          {call.response === null ? (
            <Text size="sm" c="dimmed">
              No answer came back.
            </Text>
          ) : (
            <>
              <Text size="sm">
                Status <strong>{call.response.status ?? 'none'}</strong>
              </Text>
              <Stack gap={2} aria-label="Response headers" role="list">
                {headerRows(call.response.headers).map((h) => (
                  <Text key={h.name} size="sm" ff="monospace" role="listitem" style={{ wordBreak: 'break-all' }}>
                    <Text span c="dimmed" ff="monospace" size="sm">
                      {h.name}:
                    </Text>{' '}
                    {h.value}
                  </Text>
                ))}
              </Stack>
              {call.response.body ? (
                <Code block aria-label="Response body" style={{ maxHeight: 360, overflow: 'auto' }}>
                  {readableBody(call.response.body)}
                </Code>
              ) : (
                <Text size="sm" c="dimmed">
                  Empty body.
                </Text>
              )}
              {call.response.bodyTruncated && (
                <Text size="xs" c="dimmed">
                  Body cut at 64 kB.
                </Text>
              )}
            </>
          )}
        </Stack>
      )}
    </Stack>
  );
}
