import type { IntegrationDetail } from '@gatehouse/contracts';
import { Card, Code, Group, ScrollArea, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { prettyJson } from '../../../lib/download';
import { ContextDownloads } from './context-downloads';
import { CopyValue } from './copy-value';

/**
 * Everything a developer copies, in the order of the integration guide: the integration's id,
 * endpoints and headers, then each context's schema (one record), then a sample request body per
 * context (the records wrapped in a `data` array).
 */
export function JsonSampleTab({ integration }: { integration: IntegrationDetail }) {
  const headers = integration.contexts[0]?.requiredHeaders ?? [];
  return (
    <Stack>
      <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="api-details-title">
        <Stack gap="sm">
          <Title order={3} size="h4" id="api-details-title">
            Integration API details
          </Title>
          <Group gap="xs">
            <Text size="sm" fw={600} w={120}>
              Integration ID
            </Text>
            <Code>{integration.id}</Code>
            <CopyValue value={integration.id} label="Copy integration ID" />
          </Group>
          <Group gap="xs" align="flex-start">
            <Text size="sm" fw={600} w={120}>
              Headers
            </Text>
            <Stack gap={4}>
              {headers.map((h) => (
                <Group key={h.name} gap="xs">
                  <Code>{`${h.name}: ${h.value}`}</Code>
                  <CopyValue value={`${h.name}: ${h.value}`} label={`Copy header ${h.name}`} />
                </Group>
              ))}
            </Stack>
          </Group>
          <Table.ScrollContainer minWidth={560}>
            <Table withTableBorder fz="sm" aria-label="Endpoints">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Context</Table.Th>
                  <Table.Th>Method</Table.Th>
                  <Table.Th>Endpoint</Table.Th>
                  <Table.Th w={48}>
                    <VisuallyHidden>Copy</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {integration.contexts.map((c) => (
                  <Table.Tr key={c.key}>
                    <Table.Td>{c.name}</Table.Td>
                    <Table.Td>{c.method}</Table.Td>
                    <Table.Td>
                      <Code style={{ overflowWrap: 'anywhere' }}>{c.endpointUrl}</Code>
                    </Table.Td>
                    <Table.Td>
                      <CopyValue value={c.endpointUrl} label={`Copy ${c.key} endpoint URL`} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      </Card>

      <Stack gap={4}>
        <Title order={3} size="h4">
          Schemas
        </Title>
        <Text size="sm" c="dimmed">
          A schema defines the structure of one record: one employee, one user. Only the fields it marks as required must be present.
        </Text>
      </Stack>
      {integration.contexts.map((c) => {
        const schema = prettyJson(c.schema).trimEnd();
        return (
          <Card key={c.key} withBorder radius="md" padding="lg" component="section" aria-label={`Schema for ${c.key}`}>
            <Stack gap="xs">
              <Group justify="space-between">
                <Title order={4} size="h5">
                  {String(c.schema.title ?? c.name)} <Code>{c.key}</Code>
                </Title>
                <Group gap="xs">
                  <ContextDownloads context={c} show={['schema']} />
                  <CopyValue value={schema} label={`Copy schema for ${c.key}`} />
                </Group>
              </Group>
              <ScrollArea.Autosize mah={420} type="auto">
                <Code block>{schema}</Code>
              </ScrollArea.Autosize>
            </Stack>
          </Card>
        );
      })}

      <Stack gap={4}>
        <Title order={3} size="h4">
          Request bodies
        </Title>
        <Text size="sm" c="dimmed">
          The schema describes individual records. When submitting data, you wrap your records in a <Code>data</Code> array.
        </Text>
      </Stack>
      {integration.contexts.map((c) => {
        const body = JSON.stringify(c.sampleRequestBody, null, 2);
        return (
          <Card key={c.key} withBorder radius="md" padding="lg" component="section" aria-label={`Sample request body for ${c.key}`}>
            <Stack gap="xs">
              <Group justify="space-between">
                <div>
                  <Title order={4} size="h5">
                    {c.name} <Code>{c.key}</Code>
                  </Title>
                  <Text size="xs" c="dimmed">
                    POST {c.endpointUrl}
                  </Text>
                </div>
                <Group gap="xs">
                  <ContextDownloads context={c} show={['sample']} />
                  <CopyValue value={body} label={`Copy sample request body for ${c.key}`} />
                </Group>
              </Group>
              <ScrollArea.Autosize mah={420} type="auto">
                <Code block>{body}</Code>
              </ScrollArea.Autosize>
            </Stack>
          </Card>
        );
      })}
    </Stack>
  );
}
