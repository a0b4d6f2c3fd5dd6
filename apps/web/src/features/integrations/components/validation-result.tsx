import type { ValidationResultResponse } from '@gatehouse/contracts';
import { Alert, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { errorRows, invalidSummary, truncationNote, validSummary } from '../utils/validation-display';

/** The outcome of checking one file: a green "valid" alert, or the problems by record and field. */
export function ValidationResult({ result, fileName, note }: { result: ValidationResultResponse; fileName: string; note?: string | null }) {
  if (result.valid) {
    return (
      <Stack gap="xs">
        <Alert color="green" icon={<IconCircleCheck aria-hidden />} title={`${fileName} is valid`} role="status">
          {validSummary(result.recordCount)}
        </Alert>
        {note && (
          <Text size="xs" c="dimmed">
            {note}
          </Text>
        )}
      </Stack>
    );
  }
  const truncated = truncationNote(result);
  return (
    <Stack gap="xs">
      <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title={`${fileName} does not match the schema`} role="alert">
        {invalidSummary(result)} Record numbers are positions in the <code>data</code> array, counting from 0.
      </Alert>
      {note && (
        <Text size="xs" c="dimmed">
          {note}
        </Text>
      )}
      <Table.ScrollContainer minWidth={480} mah={360}>
        <Table striped withTableBorder stickyHeader fz="sm" aria-label="Validation problems">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={120}>Record</Table.Th>
              <Table.Th w={180}>Field</Table.Th>
              <Table.Th>Problem</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {errorRows(result.errors).map((row) => (
              <Table.Tr key={row.key}>
                <Table.Td>{row.record}</Table.Td>
                <Table.Td>
                  <Text span ff="monospace" size="sm">
                    {row.field}
                  </Text>
                </Table.Td>
                <Table.Td>{row.problem}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {truncated && (
        <Text size="xs" c="dimmed">
          {truncated}
        </Text>
      )}
    </Stack>
  );
}
