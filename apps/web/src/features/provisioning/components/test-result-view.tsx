import type { TestConnectorResponse } from '@gatehouse/contracts';
import { Alert, Badge, Code, Group, Stack, Text, Title } from '@mantine/core';
import { formatDuration } from '../utils/connector-display';
import { readableBody, RequestView } from './request-view';
import { ResolvedView } from './resolved-view';

const KIND_LABELS: Record<string, string> = {
  refused: 'Not sent',
  rejected: 'Rejected by the connected app',
  unavailable: 'Connected app unavailable',
  timeout: 'Timed out',
  too_large: 'Answer too large',
  unreadable: 'Answer could not be read',
  oauth: 'OAuth token refused',
};

/** What a live test (or OAuth token test) did: outcome, status, timing, answer, and what was read from it. */
export function TestResultView({ result }: { result: TestConnectorResponse }) {
  return (
    <Stack gap="sm" role="region" aria-label="Live test result">
      <Group gap="xs">
        <Badge color={result.ok ? 'teal' : 'red'} variant="filled">
          {result.ok ? 'Succeeded' : 'Failed'}
        </Badge>
        {result.mode === 'request' && (
          <Text size="sm">
            Status <strong>{result.status ?? 'no answer'}</strong>
          </Text>
        )}
        <Text size="sm" c="dimmed">
          {formatDuration(result.durationMs)}
          {result.mode === 'request' && result.attempts > 1 ? `, ${result.attempts} attempts` : ''}
        </Text>
      </Group>
      {result.error && (
        <Alert color="red" title={KIND_LABELS[result.error.kind] ?? result.error.kind}>
          <Text size="sm">{result.error.message}</Text>
          {result.error.path && (
            <Text size="xs" mt={4}>
              At <Code>{result.error.path}</Code>
            </Text>
          )}
        </Alert>
      )}
      {result.mode === 'oauth_token' ? (
        result.ok && (
          <Text size="sm">
            Received a {result.tokenType ?? 'bearer'} token{result.expiresIn !== null ? ` valid for ${result.expiresIn} s` : ''}
            {result.scope ? ` with scope "${result.scope}"` : ''}. The token itself is not shown.
          </Text>
        )
      ) : (
        <>
          {result.request && (
            <Stack gap={4}>
              <Title order={6}>Request sent</Title>
              <RequestView request={result.request} label="Request sent" />
            </Stack>
          )}
          <Stack gap={4}>
            <Title order={6}>Response body{result.bodyTruncated ? ' (first 64 kB)' : ''}</Title>
            {result.body ? (
              <Code block aria-label="Response body" style={{ maxHeight: 320, overflow: 'auto' }}>
                {readableBody(result.body)}
              </Code>
            ) : (
              <Text size="sm" c="dimmed">
                Empty.
              </Text>
            )}
          </Stack>
          {result.ok && (
            <Stack gap={4}>
              <Title order={6}>Resolved result</Title>
              <ResolvedView value={result.resolved} />
            </Stack>
          )}
        </>
      )}
    </Stack>
  );
}
