import type { IntegrationContext } from '@gatehouse/contracts';
import type { JsonSchema } from '@gatehouse/schemas';
import { ActionIcon, Alert, Center, Group, Loader, Pagination, Paper, Stack, Table, Text, TextInput, Tooltip, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconArrowsMaximize, IconDatabaseOff, IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useRecords } from '../api/get-records';
import { countOf, formatCount } from '../utils/format';
import { cellText, fieldOf, recordColumns, recordLabel } from '../utils/record-columns';
import { topLevelFieldTexts } from '../utils/record-text';
import { RecordDrawer, type OpenRecord } from './record-drawer';

export const RECORDS_PAGE_SIZE = 25;
const SEARCH_DEBOUNCE_MS = 300;

function EmptyRecords({ title, hint }: { title: string; hint: string }) {
  return (
    <Paper withBorder radius="md" p="xl">
      <Stack align="center" gap={4}>
        <IconDatabaseOff size={28} aria-hidden color="var(--mantine-color-dimmed)" />
        <Text fw={600}>{title}</Text>
        <Text size="sm" c="dimmed" ta="center">
          {hint}
        </Text>
      </Stack>
    </Paper>
  );
}

/** The context's current data (its latest accepted push): searchable, paged, one record at a time in full. */
export function RecordsPanel({ integrationId, context }: { integrationId: string; context: IntegrationContext }) {
  const schema = context.schema as JsonSchema;
  const columns = useMemo(() => recordColumns(schema), [schema]);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS);
  // The page belongs to the search it was chosen for: a new search starts at page 1.
  const [paging, setPaging] = useState({ q: '', page: 1 });
  const page = paging.q === q ? paging.page : 1;
  const [open, setOpen] = useState<OpenRecord | null>(null);
  const { data, isPending, isFetching, error } = useRecords(integrationId, context.key, { page, pageSize: RECORDS_PAGE_SIZE, q: q || undefined });

  if (isPending) {
    return (
      <Center py="lg">
        <Loader size="sm" aria-label="Loading records" />
      </Center>
    );
  }
  if (error) {
    return (
      <Alert color="red" role="alert" title="Could not load the records">
        {error.message}
      </Alert>
    );
  }
  if (data.submissionId === null) {
    return <EmptyRecords title="No records yet" hint={`Records appear here once a push to ${context.key} is accepted.`} />;
  }

  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  const first = (data.page - 1) * data.pageSize + 1;
  const last = first + data.items.length - 1;
  const countText = q ? `${countOf(data.total, 'record')} ${data.total === 1 ? 'matches' : 'match'} “${q}”` : countOf(data.total, 'record');
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <TextInput
          label="Search records"
          placeholder="Any value, e.g. a name or an email"
          leftSection={<IconSearch size={16} aria-hidden />}
          rightSection={isFetching && search.trim() === q ? <Loader size={14} aria-label="Searching" /> : null}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={{ base: '100%', sm: 340 }}
        />
        <Text size="sm" c="dimmed" aria-live="polite" data-testid="records-count">
          {countText}
        </Text>
      </Group>

      {data.items.length === 0 ? (
        <EmptyRecords title="No matching records" hint={q ? `No record of the latest push contains “${q}”.` : 'This page is past the last record.'} />
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={720} type="native">
            <Table verticalSpacing="xs" horizontalSpacing="sm" highlightOnHover striped aria-label={`Records of ${context.key}`} style={{ opacity: isFetching ? 0.6 : 1 }}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={44}>
                    <VisuallyHidden>Full record</VisuallyHidden>
                  </Table.Th>
                  {columns.map((c) => (
                    <Table.Th key={c.field} title={c.description ? `${c.field}: ${c.description}` : c.field}>
                      <Text size="xs" fw={700}>
                        {c.title}
                      </Text>
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((item) => {
                  const label = recordLabel(item.data, schema, item.index);
                  const sent = topLevelFieldTexts(item.json);
                  return (
                    <Table.Tr key={item.index}>
                      <Table.Td>
                        <Tooltip label="Show the full record" withArrow>
                          <ActionIcon variant="subtle" color="gray" aria-label={`Show record ${label}`} onClick={() => setOpen({ index: item.index, label, json: item.json })}>
                            <IconArrowsMaximize size={16} aria-hidden />
                          </ActionIcon>
                        </Tooltip>
                      </Table.Td>
                      {columns.map((c) => {
                        const text = cellText(fieldOf(item.data, c.field), sent.get(c.field));
                        return (
                          <Table.Td key={c.field} maw={260}>
                            <Text size="sm" truncate="end" title={text || undefined} c={text ? undefined : 'dimmed'}>
                              {text || '—'}
                            </Text>
                          </Table.Td>
                        );
                      })}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}

      {data.total > data.pageSize && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            Showing {formatCount(first)}–{formatCount(last)} of {formatCount(data.total)}
          </Text>
          <Pagination total={pages} value={page} onChange={(next) => setPaging({ q, page: next })} size="sm" aria-label="Records pages" />
        </Group>
      )}
      <RecordDrawer record={open} onClose={() => setOpen(null)} />
    </Stack>
  );
}
