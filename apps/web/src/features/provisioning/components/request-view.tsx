import type { ConnectorRequestPreview } from '@gatehouse/contracts';
import { Badge, Code, Group, Stack, Table, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { headerRows } from '../utils/live-preview';

const METHOD_COLORS: Record<string, string> = { GET: 'blue', POST: 'green', PUT: 'orange', PATCH: 'yellow', DELETE: 'red' };

/** Pretty-prints a JSON body for reading; anything else is shown as sent. */
export function readableBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** A request as it would be (or was) sent: method, URL, headers with the credential masked, body. */
export function RequestView({ request, label }: { request: ConnectorRequestPreview; label: string }) {
  const rows = headerRows(request.headers);
  return (
    <Stack gap="xs" aria-label={label} role="group">
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Badge color={METHOD_COLORS[request.method] ?? 'gray'} variant="filled" radius="sm" style={{ flexShrink: 0 }} aria-label={`Method ${request.method}`}>
          {request.method}
        </Badge>
        <Code style={{ wordBreak: 'break-all' }} aria-label="URL">
          {request.url}
        </Code>
      </Group>
      {rows.length > 0 && (
        <Table withRowBorders={false} verticalSpacing={2} horizontalSpacing="xs" aria-label="Headers" fz="sm">
          <Table.Tbody>
            {rows.map((h) => (
              <Table.Tr key={h.name}>
                <Table.Td w={1} style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>
                  <Text size="sm" ff="monospace" c="dimmed">
                    {h.name}:
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
                      {h.value}
                    </Text>
                    {h.masked && (
                      <Badge size="xs" variant="light" color="gray" leftSection={<IconLock size={10} aria-hidden />}>
                        secret hidden
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {request.body !== null ? (
        <Code block aria-label="Request body" style={{ maxHeight: 280, overflow: 'auto' }}>
          {readableBody(request.body)}
        </Code>
      ) : (
        <Text size="sm" c="dimmed">
          No body.
        </Text>
      )}
    </Stack>
  );
}
