import type { JsonSchema } from '@gatehouse/schemas';
import { Badge, Code, ScrollArea, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { schemaPropertyRows } from '../utils/schema-properties';

type View = 'fields' | 'json';

/**
 * A record schema two ways: a table of its fields for reading, and the JSON Schema itself for
 * copying into code. `label` names the schema for screen readers (e.g. the context key).
 */
export function SchemaView({ schema, label }: { schema: JsonSchema; label: string }) {
  const [view, setView] = useState<View>('fields');
  const rows = schemaPropertyRows(schema);
  return (
    <Stack gap="sm">
      {schema.description && (
        <Text size="sm" c="dimmed">
          {schema.description}
        </Text>
      )}
      <SegmentedControl
        size="xs"
        w="fit-content"
        value={view}
        onChange={(v) => setView(v as View)}
        aria-label={`Schema view for ${label}`}
        data={[
          { value: 'fields', label: 'Fields' },
          { value: 'json', label: 'JSON Schema' },
        ]}
      />
      {view === 'fields' ? (
        <Table.ScrollContainer minWidth={640}>
          <Table striped withTableBorder verticalSpacing={6} fz="sm" aria-label={`Fields of ${label}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Field</Table.Th>
                <Table.Th>Type</Table.Th>
                <Table.Th>Format</Table.Th>
                <Table.Th>Required</Table.Th>
                <Table.Th>Description</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.name}>
                  <Table.Td pl={row.depth > 0 ? `calc(var(--mantine-spacing-xs) + ${row.depth * 16}px)` : undefined} style={{ whiteSpace: 'nowrap' }}>
                    <Code>{row.name}</Code>
                    {row.recordKey && (
                      <Badge ml={6} size="xs" variant="light" title="Identifies a record: must be unique within one request">
                        record key
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{row.type}</Table.Td>
                  <Table.Td>{row.format || <Text span c="dimmed">—</Text>}</Table.Td>
                  <Table.Td>
                    {row.required ? (
                      <Text span size="sm" fw={600} c="red.7">
                        required
                      </Text>
                    ) : (
                      <Text span size="sm" c="dimmed">
                        optional
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{row.description}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : (
        <ScrollArea.Autosize mah={420} type="auto">
          <Code block aria-label={`JSON Schema of ${label}`}>
            {JSON.stringify(schema, null, 2)}
          </Code>
        </ScrollArea.Autosize>
      )}
    </Stack>
  );
}
