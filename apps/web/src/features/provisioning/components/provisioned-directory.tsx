import type { ScimGroupSummary, ScimUserSummary } from '@gatehouse/contracts';
import { SCIM_DIRECTORY_DEFAULT_PAGE_SIZE } from '@gatehouse/contracts';
import { Alert, Badge, Button, Center, Code, Group, Loader, Pagination, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { ApiRequestError } from '../../../lib/api-client';
import { useScimGroups } from '../api/get-scim-groups';
import { useScimUsers } from '../api/get-scim-users';
import { formatDateTime } from '../utils/connector-display';
import { pageCount, pageRange, type DirectoryQuery } from '../utils/scim-directory';
import { ScimUserName } from './scim-user-name';

type Page<T> = { items: T[]; total: number; page: number; pageSize: number };
type Column<T> = { header: string; cell: (row: T) => ReactNode };

type Props = {
  connectorId: string;
  /** Filters the call log to the calls made for this user or group. */
  onShowCalls: (kind: 'user' | 'group', id: string) => void;
  /** Opens provision on demand with this user picked. */
  onProvision: (user: { id: string; userName: string }) => void;
};

/** The users and groups the identity provider provisioned through this instance, with the app's ids, each linked to its calls. */
export function ProvisionedDirectory({ connectorId, onShowCalls, onProvision }: Props) {
  const userColumns: Column<ScimUserSummary>[] = [
    ...USER_COLUMNS,
    {
      header: 'Actions',
      cell: (u) => (
        <Group gap={4} wrap="nowrap">
          <Button size="compact-xs" variant="subtle" aria-label={`Show calls for ${u.userName}`} onClick={() => onShowCalls('user', u.id)}>
            Calls
          </Button>
          <Button size="compact-xs" variant="subtle" aria-label={`Provision ${u.userName} on demand`} onClick={() => onProvision({ id: u.id, userName: u.userName })}>
            Provision
          </Button>
        </Group>
      ),
    },
  ];
  const groupColumns: Column<ScimGroupSummary>[] = [
    ...GROUP_COLUMNS,
    {
      header: 'Actions',
      cell: (g) => (
        <Button size="compact-xs" variant="subtle" aria-label={`Show calls for ${g.displayName}`} onClick={() => onShowCalls('group', g.id)}>
          Calls
        </Button>
      ),
    },
  ];
  return (
    <Stack gap="lg">
      <DirectorySection
        title="Provisioned users"
        noun="users"
        description="Users your identity provider provisioned through this instance. The downstream id is the app's id for the user."
        useRows={(query) => useScimUsers(connectorId, query)}
        columns={userColumns}
      />
      <DirectorySection
        title="Provisioned groups"
        noun="groups"
        description="Groups your identity provider provisioned through this instance, with their members in Gatehouse."
        useRows={(query) => useScimGroups(connectorId, query)}
        columns={groupColumns}
      />
    </Stack>
  );
}

const scimIdCell = (row: { id: string }) => <Code style={{ wordBreak: 'break-all' }}>{row.id}</Code>;

// Null while the resource exists in Gatehouse only (its create capability is off).
const downstreamCell = (row: { downstreamId: string | null }) =>
  row.downstreamId !== null ? (
    <Code style={{ wordBreak: 'break-all' }}>{row.downstreamId}</Code>
  ) : (
    <Text size="sm" c="dimmed">
      Gatehouse only
    </Text>
  );

const USER_COLUMNS: Column<ScimUserSummary>[] = [
  {
    header: 'User',
    cell: (u) => <ScimUserName user={u} />,
  },
  { header: 'Status', cell: (u) => <Badge color={u.active ? 'teal' : 'gray'} variant="light">{u.active ? 'Active' : 'Inactive'}</Badge> },
  { header: 'External ID', cell: (u) => <Text size="sm">{u.externalId ?? '—'}</Text> },
  { header: 'SCIM id', cell: scimIdCell },
  { header: 'Downstream id', cell: downstreamCell },
  { header: 'Updated', cell: (u) => <Text size="sm">{formatDateTime(u.updatedAt)}</Text> },
];

const GROUP_COLUMNS: Column<ScimGroupSummary>[] = [
  { header: 'Group', cell: (g) => <Text size="sm" fw={500}>{g.displayName}</Text> },
  { header: 'Members', cell: (g) => <Text size="sm">{g.memberCount}</Text> },
  { header: 'External ID', cell: (g) => <Text size="sm">{g.externalId ?? '—'}</Text> },
  { header: 'SCIM id', cell: scimIdCell },
  { header: 'Downstream id', cell: downstreamCell },
  { header: 'Updated', cell: (g) => <Text size="sm">{formatDateTime(g.updatedAt)}</Text> },
];

type SectionProps<T> = {
  title: string;
  noun: string;
  description: string;
  useRows: (query: DirectoryQuery) => UseQueryResult<Page<T>>;
  columns: Column<T>[];
};

function DirectorySection<T extends { id: string }>({ title, noun, description, useRows, columns }: SectionProps<T>) {
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  // Ask once typing pauses, not on every key.
  const [q] = useDebouncedValue(search, 300);
  const rows = useRows({ q, page, pageSize: SCIM_DIRECTORY_DEFAULT_PAGE_SIZE });

  return (
    <Stack gap="xs">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={4}>{title}</Title>
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        </div>
        <TextInput
          label={`Search ${noun}`}
          placeholder="Name, external or downstream id"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setPage(1);
          }}
          w={300}
        />
      </Group>
      {rows.isPending ? (
        <Center py="md">
          <Loader size="sm" aria-label={`Loading ${noun}`} />
        </Center>
      ) : rows.isError ? (
        <Alert color="red" role="alert" title={`Could not load the ${noun}`}>
          {rows.error instanceof ApiRequestError ? rows.error.message : 'Could not reach the server.'}
        </Alert>
      ) : rows.data.items.length === 0 ? (
        <Paper withBorder radius="md" p="lg">
          <Text size="sm" c="dimmed" ta="center">
            {q.trim() ? `No ${noun} match “${q.trim()}”.` : `No ${noun} provisioned yet.`}
          </Text>
        </Paper>
      ) : (
        <>
          <Paper withBorder radius="md">
            <Table.ScrollContainer minWidth={900} type="native">
              <Table verticalSpacing="xs" horizontalSpacing="sm" fz="sm" aria-label={title} highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    {columns.map((c) => (
                      <Table.Th key={c.header}>{c.header}</Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.data.items.map((row) => (
                    <Table.Tr key={row.id}>
                      {columns.map((c) => (
                        <Table.Td key={c.header}>{c.cell(row)}</Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              {pageRange(rows.data.page, rows.data.pageSize, rows.data.items.length, rows.data.total)}
            </Text>
            {rows.data.total > rows.data.pageSize && (
              <Pagination
                size="sm"
                total={pageCount(rows.data.total, rows.data.pageSize)}
                value={page}
                onChange={setPage}
                getControlProps={(control) => ({ 'aria-label': `${control} page of ${noun}` })}
              />
            )}
          </Group>
        </>
      )}
    </Stack>
  );
}
