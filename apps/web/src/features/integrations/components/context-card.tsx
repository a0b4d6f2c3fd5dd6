import type { IntegrationContext } from '@gatehouse/contracts';
import type { JsonSchema } from '@gatehouse/schemas';
import { Accordion, Badge, Button, Card, Code, Group, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconFileCheck } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { ContextDownloads } from './context-downloads';
import { CopyValue } from './copy-value';
import { UseNewKey } from './new-key-curl';
import { SchemaView } from './schema-view';
import { ValidateContextModal } from './validate-context-modal';

function CopyableCode({ value, copyLabel, children }: { value: string; copyLabel: string; children?: ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap" align="center">
      {children}
      <Code style={{ flex: 1, overflowWrap: 'anywhere' }}>
        {value}
      </Code>
      <CopyValue value={value} label={copyLabel} />
    </Group>
  );
}

/**
 * One endpoint of an integration: where to send records, with which headers, in what shape.
 * `strict` is the integration's setting, which Validate applies as the push does.
 * `syncStatus` is where the latest submission's outcome for this context goes.
 */
export function ContextCard({ context, integrationName, strict, syncStatus }: { context: IntegrationContext; integrationName: string; strict: boolean; syncStatus?: ReactNode }) {
  const [validating, { open, close }] = useDisclosure(false);
  const titleId = `context-${context.key}-title`;
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby={titleId}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" gap="sm">
          <Stack gap={4} style={{ minWidth: 0, flex: '1 1 260px' }}>
            <Group gap="xs">
              <Title order={3} size="h4" id={titleId}>
                {context.name}
              </Title>
              <Code>{context.key}</Code>
            </Group>
            <Text size="sm" c="dimmed">
              {context.description}
            </Text>
            <Text size="xs" c="dimmed">
              Used by: {context.monitorings.map((m) => m.name).join(', ')}
            </Text>
          </Stack>
          <Stack gap="xs" align="flex-end">
            <Button variant="light" leftSection={<IconFileCheck size={16} aria-hidden />} onClick={open} aria-label={`Validate ${context.key} data`}>
              Validate
            </Button>
            <ContextDownloads context={context} />
          </Stack>
        </Group>

        {/* Slot: the latest submission's status for this context (ingest). */}
        {syncStatus && <div data-slot="context-sync-status">{syncStatus}</div>}

        <Stack gap={6}>
          <Text size="sm" fw={600}>
            Endpoint
          </Text>
          <CopyableCode value={context.endpointUrl} copyLabel={`Copy endpoint for ${context.key}`}>
            <Badge variant="filled" color="blue" radius="sm">
              {context.method}
            </Badge>
          </CopyableCode>
        </Stack>

        <Stack gap={6}>
          <Text size="sm" fw={600}>
            Required headers
          </Text>
          {context.requiredHeaders.map((h) => (
            <CopyableCode key={h.name} value={`${h.name}: ${h.value}`} copyLabel={`Copy header ${h.name} for ${context.key}`} />
          ))}
          <Text size="xs" c="dimmed">
            Replace YOUR_API_KEY_HERE with an API key from Settings › Company Settings › API Keys, or use a new key from the curl example below.
          </Text>
        </Stack>

        <Accordion variant="separated" chevronPosition="left">
          <Accordion.Item value="schema">
            <Accordion.Control>Schema: {String(context.schema.title ?? context.name)}</Accordion.Control>
            <Accordion.Panel>
              <SchemaView schema={context.schema as JsonSchema} label={context.key} />
            </Accordion.Panel>
          </Accordion.Item>
          <Accordion.Item value="curl">
            <Accordion.Control>curl example</Accordion.Control>
            <Accordion.Panel>
              <Stack gap="xs">
                <Group justify="space-between">
                  <Text size="xs" c="dimmed">
                    The request body wraps records in a <code>data</code> array.
                  </Text>
                  <Group gap="xs">
                    <UseNewKey integrationName={integrationName} context={context} />
                    <CopyValue value={context.curlExample} label={`Copy curl example for ${context.key}`} />
                  </Group>
                </Group>
                <ScrollArea.Autosize mah={360} type="auto">
                  <Code block>{context.curlExample}</Code>
                </ScrollArea.Autosize>
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
        </Accordion>
      </Stack>
      {validating && <ValidateContextModal context={context} strict={strict} opened={validating} onClose={close} />}
    </Card>
  );
}
