import type { ApiKeyResponse } from '@gatehouse/contracts';
import { Badge, Button, Code, Paper, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { apiKeyStatusColor, apiKeyStatusLabel, canRevoke } from '../utils/api-key-status';
import { displayPrefix, formatDate, formatDateTime, formatLastUsed } from '../utils/format';

export function ApiKeysTable({ keys, onRevoke }: { keys: ApiKeyResponse[]; onRevoke: (key: ApiKeyResponse) => void }) {
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={860} type="native">
        <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover aria-label="API keys">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Key</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th>Expires</Table.Th>
              <Table.Th>Last used</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {keys.map((key) => (
              <ApiKeyRow key={key.id} apiKey={key} onRevoke={onRevoke} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

function ApiKeyRow({ apiKey, onRevoke }: { apiKey: ApiKeyResponse; onRevoke: (key: ApiKeyResponse) => void }) {
  const active = apiKey.status === 'active';
  // Keys that no longer work fade back, so the working ones stand out.
  const muted = active ? undefined : 'dimmed';
  return (
    <Table.Tr data-status={apiKey.status}>
      <Table.Td>
        <Text size="sm" fw={500} c={muted} td={apiKey.status === 'revoked' ? 'line-through' : undefined}>
          {apiKey.name}
        </Text>
      </Table.Td>
      <Table.Td>
        <Code c={muted}>{displayPrefix(apiKey.prefix)}</Code>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c={muted} title={formatDateTime(apiKey.createdAt)}>
          {formatDate(apiKey.createdAt)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c={muted} title={formatDateTime(apiKey.expiresAt)}>
          {formatDate(apiKey.expiresAt)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c={apiKey.lastUsedAt ? muted : 'dimmed'}>
          {formatLastUsed(apiKey.lastUsedAt)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Stack gap={2} align="flex-start">
          <Badge color={apiKeyStatusColor(apiKey.status)} variant="light">
            {apiKeyStatusLabel(apiKey.status)}
          </Badge>
          {apiKey.revokedAt && (
            <Text size="xs" c="dimmed">
              on {formatDate(apiKey.revokedAt)}
            </Text>
          )}
        </Stack>
      </Table.Td>
      <Table.Td ta="right">
        {canRevoke(apiKey.status) && (
          <Button size="xs" variant="subtle" color="red" aria-label={`Revoke ${apiKey.name}`} onClick={() => onRevoke(apiKey)}>
            Revoke
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
