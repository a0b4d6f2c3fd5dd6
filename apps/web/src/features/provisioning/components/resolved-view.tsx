import { Code, Stack, Table, Text } from '@mantine/core';

type Record_ = Record<string, unknown>;

const isRecord = (v: unknown): v is Record_ => typeof v === 'object' && v !== null && !Array.isArray(v);

function RecordTable({ record, label }: { record: Record_; label: string }) {
  return (
    <Table withTableBorder withColumnBorders={false} verticalSpacing={4} fz="sm" aria-label={label} maw={560}>
      <Table.Tbody>
        {Object.entries(record).map(([key, value]) => (
          <Table.Tr key={key}>
            <Table.Th w={160} fw={500}>
              {key}
            </Table.Th>
            <Table.Td ff="monospace">{typeof value === 'string' ? value : JSON.stringify(value)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The user or group (or list of them) that response_fields read from a body. */
export function ResolvedView({ value, label = 'Resolved result' }: { value: unknown; label?: string }) {
  if (value === null || value === undefined) {
    return (
      <Text size="sm" c="dimmed">
        This operation reads nothing from the response.
      </Text>
    );
  }
  if (isRecord(value)) return <RecordTable record={value} label={label} />;
  if (Array.isArray(value) && value.every(isRecord)) {
    if (value.length === 0) return <Text size="sm">An empty list.</Text>;
    const keys = [...new Set(value.flatMap((v) => Object.keys(v)))];
    return (
      <Stack gap={4}>
        <Text size="sm">
          {value.length} item{value.length === 1 ? '' : 's'}
        </Text>
        <Table withTableBorder verticalSpacing={4} fz="sm" aria-label={label}>
          <Table.Thead>
            <Table.Tr>
              {keys.map((k) => (
                <Table.Th key={k}>{k}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {value.slice(0, 50).map((item, i) => (
              <Table.Tr key={i}>
                {keys.map((k) => (
                  <Table.Td key={k} ff="monospace">
                    {item[k] === undefined ? '' : typeof item[k] === 'string' ? (item[k] as string) : JSON.stringify(item[k])}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    );
  }
  return <Code block>{JSON.stringify(value, null, 2)}</Code>;
}
