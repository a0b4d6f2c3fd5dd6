import { contextsForMonitorings, getMonitoring } from '@gatehouse/schemas';
import { Accordion, Alert, Badge, Card, Code, Group, Image, Stack, Text, Title } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import type { IntegrationDraft } from '../hooks/use-integration-wizard';
import { IntegrationLogo } from './integration-logo';
import { SchemaView } from './schema-view';

function LogoPreview({ draft }: { draft: IntegrationDraft }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!draft.logo) return setUrl(null);
    const created = URL.createObjectURL(draft.logo);
    setUrl(created);
    return () => URL.revokeObjectURL(created);
  }, [draft.logo]);
  return url ? <Image src={url} alt="Logo preview" w={48} h={48} fit="contain" radius="md" /> : <IntegrationLogo name={draft.name || '?'} logoUrl={null} />;
}

/**
 * Step 3: what Finish will create. The endpoints are the contexts of the selected monitorings,
 * each once; the shared catalog computes them exactly as the API will.
 */
export function ReviewStep({ draft }: { draft: IntegrationDraft }) {
  const contexts = useMemo(() => contextsForMonitorings(draft.monitoringIds), [draft.monitoringIds]);
  const monitorings = draft.monitoringIds.map((id) => getMonitoring(id)?.name ?? id);
  return (
    <Stack>
      <Card withBorder radius="md" padding="md">
        <Group align="flex-start" wrap="nowrap">
          <LogoPreview draft={draft} />
          <Stack gap={4}>
            <Text fw={600}>{draft.name}</Text>
            {draft.description.trim() && (
              <Text size="sm" c="dimmed">
                {draft.description}
              </Text>
            )}
            <Group gap={6} mt={4}>
              {monitorings.map((name) => (
                <Badge key={name} variant="light">
                  {name}
                </Badge>
              ))}
            </Group>
          </Stack>
        </Group>
      </Card>
      <div>
        <Title order={3} size="h4">
          Schemas
        </Title>
        <Text size="sm" c="dimmed">
          You will get one endpoint per context below. Each schema describes one record; requests wrap records in a <code>data</code> array. Expand a
          schema to review its fields.
        </Text>
      </div>
      {contexts.length === 0 ? (
        <Alert color="yellow">No schemas: go back and select at least one monitoring.</Alert>
      ) : (
        <Accordion variant="separated" multiple chevronPosition="left">
          {contexts.map((context) => (
            <Accordion.Item key={context.key} value={context.key}>
              <Accordion.Control aria-label={`${context.name} schema (${context.key})`}>
                <Group gap="xs" wrap="nowrap">
                  <Text fw={500}>{context.name}</Text>
                  <Code>{context.key}</Code>
                  <Text size="xs" c="dimmed" truncate>
                    for {context.monitorings.map((m) => m.name).join(', ')}
                  </Text>
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <SchemaView schema={context.schema} label={context.key} />
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      )}
    </Stack>
  );
}
