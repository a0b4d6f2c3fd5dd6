import type { ValidationResultResponse } from '@gatehouse/contracts';
import { Alert, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { errorRows, invalidSummary, truncationNote, validSummary, warningSummary } from '../utils/validation-display';

/** Properties the schema does not define: accepted, but most often a typo worth fixing before the push. */
function PropertyWarnings({ result }: { result: ValidationResultResponse }) {
  if (!result.warningCount || !result.warnings) return null;
  const shown = result.warnings.length < result.warningCount ? ` Showing the first ${result.warnings.length}.` : '';
  return (
    <Stack gap="xs">
      <Alert color="yellow" icon={<IconAlertTriangle aria-hidden />} title={warningSummary(result.warningCount)}>
        These properties are not in the schema. They are stored as sent, but no check reads them: a misspelt name leaves the real field empty.{shown}
      </Alert>
      <Table.ScrollContainer minWidth={480} mah={240}>
        <Table striped withTableBorder stickyHeader fz="sm" aria-label="Validation warnings">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={120}>Record</Table.Th>
              <Table.Th w={180}>Property</Table.Th>
              <Table.Th>Warning</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {errorRows(result.warnings).map((row) => (
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
    </Stack>
  );
}

/** The outcome of checking one file: a green "valid" alert, or the problems by record and field; warnings either way. */
export function ValidationResult({ result, fileName, note }: { result: ValidationResultResponse; fileName: string; note?: string | null }) {
  if (result.valid) {
    return (
      <Stack gap="xs">
        <Alert color="green" icon={<IconCircleCheck aria-hidden />} title={`${fileName} is valid`} role="status">
          {validSummary(result.recordCount)}
        </Alert>
        <PropertyWarnings result={result} />
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
      <PropertyWarnings result={result} />
    </Stack>
  );
}
